package io.github.pgaispring.embedding;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Embeds texts in process with a quantized ONNX model from LangChain4j (see {@link OnnxModel}), offline.
 * <p>
 * The model is loaded on first use, not at construction. LangChain4j keeps each model's ONNX session in a static
 * field, so a model is loaded once per JVM however many embedders use it. A call with several texts embeds them in
 * parallel, one text per task, on the {@link Executor} given here rather than LangChain4j's own pool, so the
 * number of embedding threads is bounded and shared; see {@link #newExecutor(int)}. Vectors are L2-normalized,
 * so cosine distance and inner product rank alike.
 */
public final class OnnxEmbedder implements Embedder {

	private static final String PROVIDER = "ONNX";

	private final OnnxModel model;

	private final SingletonSupplier<EmbeddingModel> embeddingModel;

	/**
	 * Creates an embedder that runs on the given executor.
	 * @param model the model
	 * @param executor the executor that embeds texts in parallel; its thread count bounds the CPU used
	 */
	public OnnxEmbedder(OnnxModel model, Executor executor) {
		Assert.notNull(model, "model must not be null");
		Assert.notNull(executor, "executor must not be null");
		this.model = model;
		this.embeddingModel = SingletonSupplier.of(() -> load(model, executor));
	}

	/**
	 * Creates a fixed pool for ONNX embedding: at most {@code threads} daemon threads named
	 * {@code pgai-onnx-N}, which end after a minute without work, so the pool needs no shutdown. Call embedders
	 * from other threads: a call waits for its tasks on this pool.
	 * @param threads the number of threads, usually the number of cores
	 * @return the executor
	 */
	public static ExecutorService newExecutor(int threads) {
		Assert.isTrue(threads >= 1, () -> "threads must be at least 1 but was " + threads);
		AtomicInteger counter = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "pgai-onnx-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		for (int i = 0; i < texts.size(); i++) {
			if (texts.get(i).isBlank()) {
				throw new EmbeddingException("Input " + i + " is blank; the ONNX model '" + this.model.modelName()
						+ "' cannot embed blank text. Skip empty chunks before embedding");
			}
		}
		List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
		List<Embedding> embeddings;
		try {
			embeddings = this.embeddingModel.obtain().embedAll(segments).content();
		}
		catch (RuntimeException ex) {
			throw new EmbeddingException("The ONNX model '" + this.model.modelName() + "' failed to embed "
					+ texts.size() + " text(s): " + ex.getMessage()
					+ ". Very long texts can exceed ONNX Runtime's limits; use smaller chunks", ex);
		}
		List<float[]> vectors = embeddings.stream().map(Embedding::vector).toList();
		EmbeddingVectors.require(vectors, texts.size(), this.model.dimensions(), PROVIDER, this.model.modelName());
		return vectors;
	}

	/**
	 * Embeds a search query, with the model's {@link OnnxModel#queryPrefix() query prefix} in front of it.
	 */
	@Override
	public float[] embedQuery(String text) {
		return embedDocuments(List.of(this.model.queryPrefix() + text)).get(0);
	}

	@Override
	public int dimensions() {
		return this.model.dimensions();
	}

	/**
	 * Instantiates the LangChain4j model class, which loads the model on first use in this JVM. LangChain4j reads
	 * the model from the thread context class loader, so that is set to the loader that sees the model's jar.
	 */
	private static EmbeddingModel load(OnnxModel model, Executor executor) {
		ClassLoader classLoader = OnnxEmbedder.class.getClassLoader();
		if (!ClassUtils.isPresent(model.className(), classLoader)) {
			throw new EmbeddingException("The ONNX model '" + model.modelName() + "' needs " + model.artifact()
					+ " on the classpath; add that dependency");
		}
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			Class<?> modelClass = ClassUtils.forName(model.className(), classLoader);
			return (EmbeddingModel) modelClass.getConstructor(Executor.class).newInstance(executor);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			Throwable cause = (ex instanceof InvocationTargetException invocation) ? invocation.getCause() : ex;
			throw new EmbeddingException("Could not load the ONNX model '" + model.modelName() + "' from "
					+ model.artifact() + ": " + cause + ". ONNX Runtime ships native libraries for linux-x64,"
					+ " linux-aarch64 and osx-aarch64 only", cause);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
