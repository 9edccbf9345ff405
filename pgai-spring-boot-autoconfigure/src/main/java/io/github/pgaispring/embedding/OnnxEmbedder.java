package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import io.github.pgaispring.embedding.OnnxScheduler.Workload;

import org.springframework.util.Assert;

/**
 * Embeds texts in process with a quantized ONNX model from LangChain4j's model jars (see {@link OnnxModel}),
 * offline.
 * <p>
 * The model is loaded on first use, once per JVM however many embedders use it. Every text, a worker batch's
 * chunks and a repository's search query alike, is embedded on the {@link OnnxScheduler} given here: a batch's texts
 * in parallel on its threads, longest first so the threads finish together, and queries between them by the
 * scheduler's {@linkplain OnnxScheduler#documentShare() shares}, so the scheduler's thread count bounds the CPU the
 * model uses and a stream of searches cannot take more than its share of the model from the worker (nor the other
 * way round). Vectors are L2-normalized, so cosine distance and inner product rank alike.
 */
public final class OnnxEmbedder implements Embedder {

	private static final String PROVIDER = "ONNX";

	private final OnnxModel model;

	private final OnnxScheduler scheduler;

	/**
	 * Creates an embedder that runs on the given scheduler.
	 * @param model the model
	 * @param scheduler runs the model; its thread count bounds the CPU used
	 */
	public OnnxEmbedder(OnnxModel model, OnnxScheduler scheduler) {
		Assert.notNull(model, "model must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.model = model;
		this.scheduler = scheduler;
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
		List<Integer> longestFirst = IntStream.range(0, texts.size())
			.boxed()
			.sorted(Comparator.comparingInt((Integer index) -> texts.get(index).length()).reversed())
			.toList();
		List<Callable<float[]>> runs = new ArrayList<>(texts.size());
		for (int index : longestFirst) {
			String text = texts.get(index);
			runs.add(() -> embed(text, texts.size()));
		}
		List<float[]> embedded = this.scheduler.invokeAll(Workload.DOCUMENTS, runs);
		float[][] vectors = new float[texts.size()][];
		for (int i = 0; i < longestFirst.size(); i++) {
			vectors[longestFirst.get(i)] = embedded.get(i);
		}
		List<float[]> result = Arrays.asList(vectors);
		EmbeddingVectors.require(result, texts.size(), this.model.dimensions(), PROVIDER, this.model.modelName());
		return result;
	}

	/**
	 * Embeds a search query, with the model's {@link OnnxModel#queryPrefix() query prefix} in front of it. Within
	 * a {@link SearchScope}, the search's time outside this call is charged to the queries' share.
	 */
	@Override
	public float[] embedQuery(String text) {
		float[] vector = this.scheduler.invoke(Workload.QUERIES, () -> embed(this.model.queryPrefix() + text, 1));
		EmbeddingVectors.requireDimensions(vector.length, this.model.dimensions(), PROVIDER, this.model.modelName());
		return vector;
	}

	@Override
	public int dimensions() {
		return this.model.dimensions();
	}

	private float[] embed(String text, int texts) {
		OnnxSession session = OnnxSession.of(this.model);
		try {
			return session.embed(text);
		}
		catch (RuntimeException ex) {
			throw new EmbeddingException("The ONNX model '" + this.model.modelName() + "' failed to embed a text of "
					+ text.length() + " characters (one of " + texts + "): " + ex.getMessage()
					+ ". Very long texts can exceed ONNX Runtime's limits; use smaller chunks", ex);
		}
	}

}
