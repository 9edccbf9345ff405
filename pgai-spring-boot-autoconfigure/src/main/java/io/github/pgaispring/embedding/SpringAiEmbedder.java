package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.util.Assert;

/**
 * Embeds texts with a Spring AI {@link EmbeddingModel}. The texts of a call are split into requests by a Spring AI
 * {@link BatchingStrategy} (by default Spring AI's {@code TokenCountBatchingStrategy}, which keeps each request
 * within OpenAI's 8191 input tokens), each request asks for the configured model (Spring AI's
 * {@link EmbeddingOptions#getModel()}) unless none is configured, and every returned vector is checked against the
 * configured dimensions. The model's own client retries what it retries; anything it throws becomes an
 * {@link EmbeddingException} naming the bean, so the worker records, retries and parks the rows as for every other
 * provider.
 */
final class SpringAiEmbedder implements Embedder, TokenCounting {

	private final String provider;

	private final EmbeddingModel embeddingModel;

	private final @Nullable String model;

	private final int dimensions;

	private final BatchingStrategy batchingStrategy;

	private final AtomicLong tokensUsed = new AtomicLong();

	/**
	 * Creates an embedder.
	 * @param beanName the name of the model's bean, used in messages
	 * @param embeddingModel the model
	 * @param model the model each request asks for, or {@code null} for the one the bean is configured with
	 * @param dimensions the length of the vectors the model returns
	 * @param batchingStrategy how the texts of a call are split into requests
	 */
	public SpringAiEmbedder(String beanName, EmbeddingModel embeddingModel, @Nullable String model, int dimensions,
			BatchingStrategy batchingStrategy) {
		Assert.hasText(beanName, "beanName must not be empty");
		Assert.notNull(embeddingModel, "embeddingModel must not be null");
		Assert.isTrue(model == null || !model.isBlank(), "model must not be blank; leave it out for the bean's model");
		Assert.isTrue(dimensions > 0, () -> "dimensions must be positive but was " + dimensions);
		Assert.notNull(batchingStrategy, "batchingStrategy must not be null");
		this.provider = "Spring AI (bean '" + beanName + "', " + embeddingModel.getClass().getSimpleName() + ")";
		this.embeddingModel = embeddingModel;
		this.model = model;
		this.dimensions = dimensions;
		this.batchingStrategy = batchingStrategy;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (List<Document> batch : batches(texts)) {
			List<String> inputs = batch.stream().map(Document::getText).toList();
			EmbeddingResponse response = call(inputs);
			String answeringModel = answeringModel(response);
			List<float[]> embeddings = inInputOrder(response.getResults(), inputs.size(), answeringModel);
			EmbeddingVectors.require(embeddings, inputs.size(), this.dimensions, this.provider, answeringModel);
			Usage usage = response.getMetadata().getUsage();
			Integer tokens = (usage != null) ? usage.getTotalTokens() : null;
			if (tokens != null && tokens > 0) {
				this.tokensUsed.addAndGet(tokens);
			}
			vectors.addAll(embeddings);
		}
		return vectors;
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	/** The total tokens of every response's usage metadata so far (0 for models that report none). */
	@Override
	public long tokensUsed() {
		return this.tokensUsed.get();
	}

	private List<List<Document>> batches(List<String> texts) {
		List<Document> documents = texts.stream().map(Document::new).toList();
		try {
			return this.batchingStrategy.batch(documents);
		}
		catch (IllegalArgumentException ex) {
			throw new EmbeddingException(this.provider + " cannot embed the inputs for model '" + modelName()
					+ "' in requests its batching strategy allows (" + ex.getMessage()
					+ "); use a chunking configuration that produces smaller chunks", ex);
		}
	}

	private EmbeddingResponse call(List<String> inputs) {
		EmbeddingOptions.Builder options = EmbeddingOptions.builder();
		if (this.model != null) {
			options.model(this.model);
		}
		EmbeddingResponse response;
		try {
			response = this.embeddingModel.call(new EmbeddingRequest(inputs, options.build()));
		}
		catch (RuntimeException ex) {
			throw new EmbeddingException(this.provider + " failed to embed " + inputs.size() + " input(s) for model '"
					+ modelName() + "': " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""), ex);
		}
		if (response == null) {
			throw new EmbeddingException(this.provider + " returned no response for " + inputs.size()
					+ " input(s) for model '" + modelName() + "'");
		}
		return response;
	}

	/** The configured model, else the one the response names (OpenAI's do), for messages. */
	private String answeringModel(EmbeddingResponse response) {
		if (this.model != null) {
			return this.model;
		}
		String answered = response.getMetadata().getModel();
		return (answered != null && !answered.isBlank()) ? answered : modelName();
	}

	/**
	 * The vectors in input order: by their index when the results' indexes are exactly the inputs' positions (as
	 * OpenAI's, which may come in another order), by position otherwise.
	 */
	private List<float[]> inInputOrder(List<Embedding> results, int inputCount, String answeringModel) {
		BitSet indexes = new BitSet(inputCount);
		for (Embedding result : results) {
			Integer index = result.getIndex();
			if (index == null || index < 0 || index >= inputCount || indexes.get(index)) {
				return results.stream().map(Embedding::getOutput).toList();
			}
			indexes.set(index);
		}
		return IndexedVectors.inInputOrder(results, inputCount, Embedding::getIndex, Embedding::getOutput,
				this.provider, answeringModel);
	}

	private String modelName() {
		return (this.model != null) ? this.model : "(configured on the bean)";
	}

	@Override
	public String toString() {
		return this.provider + ((this.model != null) ? " model '" + this.model + "'" : "");
	}

}
