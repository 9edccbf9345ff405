package io.github.pgaispring.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * One in-process model loaded into ONNX Runtime, once per JVM: LangChain4j's encoder for the model (tokenization,
 * 510-token windows averaged for longer texts, pooling, L2 normalization) over an ONNX session of the starter's own,
 * created from the model and tokenizer files in the model's jar.
 * <p>
 * LangChain4j's model classes keep a session with ONNX Runtime's default of one intra-op thread per core, so each
 * of several parallel runs starts as many threads again and they compete for the cores. This session runs each text
 * on the calling thread alone (one intra-op and one inter-op thread), which makes the {@link OnnxScheduler}'s thread
 * count the CPU the model uses. The vectors are the ones LangChain4j's own classes compute (same encoder, same graph
 * optimizations; tested to be equal).
 */
final class OnnxSession {

	private static final Log logger = LogFactory.getLog(OnnxSession.class);

	private static final Map<OnnxModel, OnnxSession> loaded = new EnumMap<>(OnnxModel.class);

	private final AbstractInProcessEmbeddingModel encoder;

	private OnnxSession(AbstractInProcessEmbeddingModel encoder) {
		this.encoder = encoder;
	}

	/**
	 * Returns the loaded model, loading it on first use; a failed load is tried again on the next call.
	 * @param model the model
	 * @return the session
	 * @throws EmbeddingException if the model cannot be loaded
	 * @throws EmbedderClosedException if the JVM began shutting down before the model was loaded
	 */
	static OnnxSession of(OnnxModel model) {
		synchronized (loaded) {
			OnnxSession session = loaded.get(model);
			if (session == null) {
				session = load(model);
				loaded.put(model, session);
			}
			return session;
		}
	}

	/**
	 * Embeds one text on the calling thread.
	 * @param text the text, not blank
	 * @return its normalized vector
	 */
	float[] embed(String text) {
		return this.encoder.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
	}

	private static OnnxSession load(OnnxModel model) {
		ClassLoader classLoader = OnnxSession.class.getClassLoader();
		if (!ClassUtils.isPresent(model.className(), classLoader)) {
			throw new EmbeddingException("The ONNX model '" + model.modelName() + "' needs " + model.artifact()
					+ " on the classpath; add that dependency");
		}
		long started = System.nanoTime();
		byte[] onnx = resource(classLoader, model, model.resourceName() + ".onnx");
		try {
			OrtEnvironment environment = OnnxRuntimeEnvironment.get();
			OrtSession session;
			try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
				options.setIntraOpNumThreads(1);
				options.setInterOpNumThreads(1);
				session = environment.createSession(onnx, options);
			}
			OnnxBertBiEncoder encoder;
			try (InputStream tokenizer = classLoader.getResourceAsStream(model.resourceName() + "-tokenizer.json")) {
				encoder = new OnnxBertBiEncoder(environment, session, tokenizer,
						model.clsPooling() ? PoolingMode.CLS : PoolingMode.MEAN);
			}
			if (logger.isInfoEnabled()) {
				logger.info("Loaded the ONNX model '" + model.modelName() + "' in "
						+ (System.nanoTime() - started) / 1_000_000 + " ms");
			}
			return new OnnxSession(new Encoder(encoder));
		}
		catch (OrtException | IOException | RuntimeException | LinkageError ex) {
			if (isShutdownInProgress(ex)) {
				throw new EmbedderClosedException("The ONNX model '" + model.modelName() + "' was not loaded because"
						+ " the JVM is shutting down", ex);
			}
			throw new EmbeddingException("Could not load the ONNX model '" + model.modelName() + "' from "
					+ model.artifact() + ": " + ex + ((ex instanceof LinkageError)
							? ". ONNX Runtime ships native libraries for linux-x64, linux-aarch64 and osx-aarch64 only"
							: ""),
					ex);
		}
	}

	private static byte[] resource(ClassLoader classLoader, OnnxModel model, String name) {
		try (InputStream in = classLoader.getResourceAsStream(name)) {
			if (in == null) {
				throw new EmbeddingException("The ONNX model '" + model.modelName() + "' has no " + name + " in "
						+ model.artifact() + "; use the version of that jar the starter manages");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new EmbeddingException("Could not read " + name + " of the ONNX model '" + model.modelName() + "'",
					ex);
		}
	}

	/** ONNX Runtime cannot register its own shutdown hook once the JVM's shutdown began. */
	private static boolean isShutdownInProgress(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IllegalStateException && "Shutdown in progress".equals(cause.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/** LangChain4j's in-process model over the given encoder, embedding each text on the calling thread. */
	private static final class Encoder extends AbstractInProcessEmbeddingModel {

		private final OnnxBertBiEncoder encoder;

		Encoder(OnnxBertBiEncoder encoder) {
			super(Runnable::run);
			this.encoder = encoder;
		}

		@Override
		protected OnnxBertBiEncoder model() {
			return this.encoder;
		}

	}

}
