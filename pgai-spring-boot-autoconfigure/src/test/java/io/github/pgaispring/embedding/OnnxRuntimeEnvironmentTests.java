package io.github.pgaispring.embedding;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime's own JVM shutdown hook releases its native environment while the starter may still embed (Spring's
 * shutdown hook lets the worker's batches finish). In a child JVM, because a released environment cannot be had
 * again: the child embeds once, releases the environment exactly as ONNX Runtime's hook does, and then loads and
 * runs another model. Without the starter's extra reference, creating that session fails ("Attempt to use
 * DefaultLogger but none has been registered") and the hook's second release at exit aborts the JVM.
 */
class OnnxRuntimeEnvironmentTests {

	@Test
	void theEnvironmentOutlivesOnnxRuntimesOwnShutdownRelease() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ReleaseDuringEmbedding.class.getName())
			.redirectErrorStream(true)
			.start();
		String output;
		try {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		finally {
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}

		assertThat(output).contains("pinned: true", "released as ONNX Runtime's shutdown hook does",
				"embedded with a session created after the release: 384 dimensions");
		assertThat(process.exitValue()).as(output).isZero();
	}

	/** The child: embed, release the environment like {@code OrtEnvironment$OrtEnvCloser}, embed with a new session. */
	static final class ReleaseDuringEmbedding {

		public static void main(String[] args) throws IOException {
			try (OnnxScheduler scheduler = new OnnxScheduler(1)) {
				new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2, scheduler).embedDocuments(List.of("before the release"));
				System.out.println("pinned: " + OnnxRuntimeEnvironment.isPinned());
				releaseLikeTheShutdownHook();
				System.out.println("released as ONNX Runtime's shutdown hook does");
				float[] vector = new OnnxEmbedder(OnnxModel.BGE_SMALL_EN_V15, scheduler)
					.embedDocuments(List.of("after the release"))
					.get(0);
				System.out.println("embedded with a session created after the release: " + vector.length
						+ " dimensions");
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				ex.printStackTrace(System.out);
				System.exit(1);
			}
		}

		private static void releaseLikeTheShutdownHook() throws ReflectiveOperationException {
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			Field apiHandle = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("ortApiHandle");
			apiHandle.setAccessible(true);
			Field nativeHandle = OrtEnvironment.class.getDeclaredField("nativeHandle");
			nativeHandle.setAccessible(true);
			Method close = OrtEnvironment.class.getDeclaredMethod("close", long.class, long.class);
			close.setAccessible(true);
			close.invoke(null, apiHandle.getLong(null), nativeHandle.getLong(environment));
		}

	}

}
