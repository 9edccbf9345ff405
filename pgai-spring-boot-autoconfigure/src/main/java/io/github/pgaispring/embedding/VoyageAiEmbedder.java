package io.github.pgaispring.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Embeds texts with Voyage AI's embeddings API ({@code POST {base_url}/embeddings}), matching pgai's
 * {@code ai.embedding_voyageai} semantics.
 * <ul>
 * <li>Documents are sent with the vectorizer's {@code input_type} ({@code document} unless the vectorizer says
 * otherwise; none when it is {@code null}), search queries with {@code query} (none when the vectorizer's is
 * {@code null}), so queries and documents get Voyage's matching prompts.</li>
 * <li>{@code output_dimension} and {@code output_dtype} are sent when the vectorizer stores them.</li>
 * <li>A request carries at most {@value #MAX_INPUTS_PER_REQUEST} inputs, as pgai's worker sends, and at most the
 * model's token limit per request: 1,000,000 for {@code voyage-3.5-lite} and {@code voyage-3-lite}, 320,000 for
 * {@code voyage-3.5}, {@code voyage-3} and {@code voyage-2}, 120,000 for every other model. pgai counts tokens with
 * Voyage's tokenizer, which is not available to the JVM offline; tokens are <em>estimated</em> at one per three
 * UTF-8 bytes, more than Voyage's tokenizers produce for text, so requests stay below the limit.</li>
 * <li>The API key is looked up by name ({@code VOYAGE_API_KEY} unless the vectorizer's {@code api_key_name}
 * says otherwise) for every call and is never kept or logged.</li>
 * </ul>
 */
public final class VoyageAiEmbedder implements Embedder, TokenCounting {

	/** The base URL used unless {@code pgai.voyageai.base-url} says otherwise. */
	public static final String DEFAULT_BASE_URL = "https://api.voyageai.com/v1";

	/** The name of the API key used when the vectorizer sets none. */
	public static final String DEFAULT_API_KEY_NAME = "VOYAGE_API_KEY";

	/** The most inputs sent in one request. */
	public static final int MAX_INPUTS_PER_REQUEST = 128;

	private static final String PROVIDER = "Voyage AI";

	private static final Set<String> MILLION_TOKEN_MODELS = Set.of("voyage-3.5-lite", "voyage-3-lite");

	private static final Set<String> LARGE_TOKEN_MODELS = Set.of("voyage-3.5", "voyage-3", "voyage-2");

	private final String model;

	private final int dimensions;

	private final @Nullable String inputType;

	private final @Nullable Integer outputDimension;

	private final @Nullable String outputDtype;

	private final String apiKeyName;

	private final ApiKeyResolver apiKeyResolver;

	private final EmbeddingHttpClient httpClient;

	private final AtomicLong tokensUsed = new AtomicLong();

	private VoyageAiEmbedder(Builder builder) {
		this.model = builder.getModel();
		this.dimensions = builder.getDimensions();
		this.inputType = builder.inputType;
		this.outputDimension = builder.outputDimension;
		this.outputDtype = builder.outputDtype;
		this.apiKeyName = builder.getApiKeyName();
		this.apiKeyResolver = builder.getApiKeyResolver();
		this.httpClient = builder.createHttpClient();
	}

	/**
	 * Starts building an embedder.
	 * @param model the model, for example {@code voyage-3.5-lite}
	 * @param dimensions the length of the vectors the model returns
	 * @return a builder
	 */
	public static Builder builder(String model, int dimensions) {
		return new Builder(model, dimensions);
	}

	/**
	 * The most (estimated) tokens one request for the model may carry.
	 * @param model the model
	 * @return the limit
	 */
	public static long maxTokensPerRequest(String model) {
		if (MILLION_TOKEN_MODELS.contains(model)) {
			return 1_000_000;
		}
		return LARGE_TOKEN_MODELS.contains(model) ? 320_000 : 120_000;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		return embed(texts, this.inputType);
	}

	@Override
	public float[] embedQuery(String text) {
		return embed(List.of(text), (this.inputType != null) ? "query" : null).get(0);
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	/** The {@code usage.total_tokens} of every response so far. */
	@Override
	public long tokensUsed() {
		return this.tokensUsed.get();
	}

	private List<float[]> embed(List<String> texts, @Nullable String inputType) {
		if (texts.isEmpty()) {
			return List.of();
		}
		String apiKey = ApiKeys.require(this.apiKeyResolver, this.apiKeyName, PROVIDER, this.model);
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (List<String> batch : RequestBatches.split(texts, MAX_INPUTS_PER_REQUEST, maxTokensPerRequest(this.model),
				VoyageAiEmbedder::estimateTokens)) {
			// Voyage answers in the format of OpenAI's embeddings API
			OpenAiEmbedder.EmbeddingsResponse response = this.httpClient.post("/embeddings", this.model, requestBody(batch, inputType),
					OpenAiEmbedder.EmbeddingsResponse.class, apiKey, "Check the API key in the environment variable or Spring property '"
							+ this.apiKeyName + "' (the vectorizer's api_key_name).");
			List<float[]> embeddings = IndexedVectors.inInputOrder(
					(response.data() != null) ? response.data() : List.<OpenAiEmbedder.EmbeddingItem>of(), batch.size(),
					OpenAiEmbedder.EmbeddingItem::index, OpenAiEmbedder.EmbeddingItem::embedding, PROVIDER, this.model);
			EmbeddingVectors.require(embeddings, batch.size(), this.dimensions, PROVIDER, this.model);
			this.tokensUsed.addAndGet(response.totalTokens());
			vectors.addAll(embeddings);
		}
		return vectors;
	}

	private static int estimateTokens(String text) {
		return (text.getBytes(StandardCharsets.UTF_8).length + 2) / 3;
	}

	private ObjectNode requestBody(List<String> batch, @Nullable String inputType) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ArrayNode input = body.putArray("input");
		batch.forEach(input::add);
		body.put("model", this.model);
		if (inputType != null) {
			body.put("input_type", inputType);
		}
		if (this.outputDimension != null) {
			body.put("output_dimension", this.outputDimension);
		}
		if (this.outputDtype != null) {
			body.put("output_dtype", this.outputDtype);
		}
		return body;
	}

	/**
	 * Builds a {@link VoyageAiEmbedder}.
	 */
	public static final class Builder extends KeyedHttpEmbedderBuilder<Builder> {

		private @Nullable String inputType = "document";

		private @Nullable Integer outputDimension;

		private @Nullable String outputDtype;

		private Builder(String model, int dimensions) {
			super(PROVIDER, model, dimensions, DEFAULT_BASE_URL, DEFAULT_API_KEY_NAME);
		}

		/**
		 * Sets the {@code input_type} of documents; defaults to {@code document}.
		 * @param inputType {@code document}, {@code query}, or {@code null} to send none
		 * @return this builder
		 */
		public Builder inputType(@Nullable String inputType) {
			Assert.isTrue(inputType == null || inputType.equals("document") || inputType.equals("query"),
					() -> "The Voyage AI input_type must be 'document', 'query' or null but was '" + inputType + "'");
			this.inputType = inputType;
			return this;
		}

		/**
		 * Sets the {@code output_dimension} to ask for.
		 * @param outputDimension the dimensions, or {@code null} for the model's default
		 * @return this builder
		 */
		public Builder outputDimension(@Nullable Integer outputDimension) {
			Assert.isTrue(outputDimension == null || outputDimension > 0,
					() -> "The Voyage AI output_dimension must be positive but was " + outputDimension);
			this.outputDimension = outputDimension;
			return this;
		}

		/**
		 * Sets the {@code output_dtype} to ask for.
		 * @param outputDtype {@code float}, {@code int8} or {@code uint8}, or {@code null} for {@code float}
		 * @return this builder
		 */
		public Builder outputDtype(@Nullable String outputDtype) {
			Assert.isTrue(outputDtype == null || Set.of("float", "int8", "uint8").contains(outputDtype),
					() -> "The Voyage AI output_dtype must be 'float', 'int8' or 'uint8' for a vector column but was '"
							+ outputDtype + "'");
			this.outputDtype = outputDtype;
			return this;
		}

		/**
		 * Builds the embedder.
		 * @return the embedder
		 */
		public VoyageAiEmbedder build() {
			return new VoyageAiEmbedder(this);
		}

	}

}
