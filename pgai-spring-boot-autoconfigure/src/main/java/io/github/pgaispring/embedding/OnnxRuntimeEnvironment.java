package io.github.pgaispring.embedding;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * ONNX Runtime's process-wide environment, kept alive until the JVM exits.
 * <p>
 * ONNX Runtime's Java binding releases its native environment in a JVM shutdown hook of its own
 * ({@code OrtEnvironment$OrtEnvCloser}). JVM shutdown hooks run concurrently, so that release happens while
 * Spring's shutdown hook still lets the worker's running batches finish: a session run after it uses freed
 * native memory and may crash the JVM (SIGSEGV in {@code libonnxruntime.so}), and a session created after it fails
 * with "Attempt to use DefaultLogger but none has been registered". The native environment is reference counted
 * (each {@code CreateEnv} adds one, each {@code ReleaseEnv} takes one away), so this class takes one more
 * reference through the binding's own private {@code createHandle}: the shutdown hook's release then only drops
 * the count, and the environment lives on until the process exits. {@link OnnxScheduler#close()} makes sure no
 * session runs by then.
 */
final class OnnxRuntimeEnvironment {

	private static final Log logger = LogFactory.getLog(OnnxRuntimeEnvironment.class);

	private static final Object monitor = new Object();

	/** Whether the extra reference is held; {@code null} before the first try. */
	private static volatile @Nullable Boolean pinned;

	private OnnxRuntimeEnvironment() {
	}

	/**
	 * Returns the environment, taking the extra reference the first time.
	 * @return the environment
	 */
	static OrtEnvironment get() {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		if (pinned == null) {
			synchronized (monitor) {
				if (pinned == null) {
					pinned = pin();
				}
			}
		}
		return environment;
	}

	/** Whether the extra reference is held (false before {@link #get()} or if the binding refused it). */
	static boolean isPinned() {
		return Boolean.TRUE.equals(pinned);
	}

	private static boolean pin() {
		try {
			Field apiHandle = Class.forName("ai.onnxruntime.OnnxRuntime", true, OrtEnvironment.class.getClassLoader())
				.getDeclaredField("ortApiHandle");
			apiHandle.setAccessible(true);
			Method createHandle = OrtEnvironment.class.getDeclaredMethod("createHandle", long.class, int.class,
					String.class);
			createHandle.setAccessible(true);
			createHandle.invoke(null, apiHandle.getLong(null), OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING.getValue(),
					OrtEnvironment.DEFAULT_NAME);
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			Throwable cause = (ex instanceof InvocationTargetException invocation) ? invocation.getCause() : ex;
			logger.warn("Cannot keep ONNX Runtime's environment alive during JVM shutdown (" + cause + "); a shutdown"
					+ " while the in-process model embeds may crash the JVM. Please report this with the onnxruntime"
					+ " version in use");
			return false;
		}
	}

}
