package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Embeds texts with an Ollama server ({@code POST {base_url}/api/embed}), matching pgai's
 * {@code ai.embedding_ollama} semantics: the vectorizer's {@code options} and {@code keep_alive} are passed
 * through, and each request carries at most {@link Builder#maxInputsPerRequest(int) maxInputsPerRequest} inputs
 * (default {@value #DEFAULT_MAX_INPUTS_PER_REQUEST}, like pgai's
 * {@code PGAI_VECTORIZER_OLLAMA_MAX_CHUNKS_PER_BATCH}). Ollama has no token limit per request.
 */
public final class OllamaEmbedder implements Embedder, TokenCounting {

	/** The base URL used when the vectorizer sets none. */
	public static final String DEFAULT_BASE_URL = "http://localhost:11434";

	/** The default for the most inputs sent in one request. */
	public static final int DEFAULT_MAX_INPUTS_PER_REQUEST = 2048;

	private static final String PROVIDER = "Ollama";

	private final String model;

	private final int dimensions;

	private final @Nullable JsonNode options;

	private final @Nullable String keepAlive;

	private final int maxInputsPerRequest;

	private final EmbeddingHttpClient httpClient;

	private final AtomicLong tokensUsed = new AtomicLong();

	private OllamaEmbedder(Builder builder) {
		this.model = builder.getModel();
		this.dimensions = builder.getDimensions();
		this.options = builder.options;
		this.keepAlive = builder.keepAlive;
		this.maxInputsPerRequest = builder.maxInputsPerRequest;
		this.httpClient = builder.createHttpClient();
	}

	/**
	 * Starts building an embedder.
	 * @param model the Ollama model, for example {@code nomic-embed-text}
	 * @param dimensions the length of the vectors the model produces
	 * @return a builder
	 */
	public static Builder builder(String model, int dimensions) {
		return new Builder(model, dimensions);
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (List<String> batch : RequestBatches.split(texts, this.maxInputsPerRequest, Long.MAX_VALUE,
				(text) -> 0)) {
			EmbedResponse response = this.httpClient.post("/api/embed", this.model, requestBody(batch),
					EmbedResponse.class, null, "Ollama itself needs no API key; check the proxy or gateway in front of the server.");
			if (response.promptEvalCount() != null) {
				this.tokensUsed.addAndGet(response.promptEvalCount());
			}
			List<float[]> embeddings = (response.embeddings() != null) ? response.embeddings() : List.of();
			EmbeddingVectors.require(embeddings, batch.size(), this.dimensions, PROVIDER, this.model);
			vectors.addAll(embeddings);
		}
		return vectors;
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	/** The {@code prompt_eval_count} of every response so far. */
	@Override
	public long tokensUsed() {
		return this.tokensUsed.get();
	}

	private ObjectNode requestBody(List<String> batch) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("model", this.model);
		ArrayNode input = body.putArray("input");
		batch.forEach(input::add);
		if (this.options != null) {
			body.set("options", this.options);
		}
		if (this.keepAlive != null) {
			body.put("keep_alive", this.keepAlive);
		}
		return body;
	}

	/**
	 * The body of an Ollama {@code /api/embed} response.
	 * @param embeddings one vector per input, in input order
	 * @param promptEvalCount the tokens of the inputs, if the server says
	 */
	record EmbedResponse(@Nullable List<float[]> embeddings,
			@JsonProperty("prompt_eval_count") @Nullable Long promptEvalCount) {
	}

	/**
	 * Builds an {@link OllamaEmbedder}.
	 */
	public static final class Builder extends HttpEmbedderBuilder<Builder> {

		private @Nullable JsonNode options;

		private @Nullable String keepAlive;

		private int maxInputsPerRequest = DEFAULT_MAX_INPUTS_PER_REQUEST;

		private Builder(String model, int dimensions) {
			super(PROVIDER, model, dimensions, DEFAULT_BASE_URL);
		}

		/**
		 * Sets the model options sent as {@code options} (for example {@code {"num_ctx": 8192}}).
		 * @param options a JSON object, or {@code null} to send none
		 * @return this builder
		 */
		public Builder options(@Nullable JsonNode options) {
			Assert.isTrue(options == null || options.isObject(),
					() -> "Ollama options must be a JSON object but was " + options);
			this.options = options;
			return this;
		}

		/**
		 * Sets how long Ollama keeps the model loaded after the request, sent as {@code keep_alive}.
		 * @param keepAlive a duration such as {@code 5m}, or {@code null} to use the server's default
		 * @return this builder
		 */
		public Builder keepAlive(@Nullable String keepAlive) {
			this.keepAlive = keepAlive;
			return this;
		}

		/**
		 * Sets the most inputs sent in one request.
		 * @param maxInputsPerRequest the limit, at least 1
		 * @return this builder
		 */
		public Builder maxInputsPerRequest(int maxInputsPerRequest) {
			Assert.isTrue(maxInputsPerRequest >= 1,
					() -> "maxInputsPerRequest must be at least 1 but was " + maxInputsPerRequest);
			this.maxInputsPerRequest = maxInputsPerRequest;
			return this;
		}

		/**
		 * Builds the embedder.
		 * @return the embedder
		 */
		public OllamaEmbedder build() {
			return new OllamaEmbedder(this);
		}

	}

}
