package io.github.pgaispring.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Embeds texts with the OpenAI embeddings API or an OpenAI-compatible server ({@code POST {base_url}/embeddings}),
 * matching pgai's {@code ai.embedding_openai} semantics.
 * <ul>
 * <li>Requests carry at most {@value #MAX_INPUTS_PER_REQUEST} inputs and at most
 * {@value #MAX_TOKENS_PER_REQUEST} estimated tokens. Tokens are <em>estimated</em> at 0.25 per UTF-8 byte (rounded
 * up per input), as pgai does: OpenAI enforces that limit with a similar byte-based estimate before tokenizing, so
 * an exact count would be both slower and a poorer predictor of what the server accepts.</li>
 * <li>Inputs longer than the model's context (8191 tokens for {@code text-embedding-ada-002},
 * {@code text-embedding-3-small} and {@code text-embedding-3-large}, counted exactly with JTokkit's
 * {@code cl100k_base}) are truncated for the API call with a WARN log; the caller's text is not changed.</li>
 * <li>{@code text-embedding-ada-002} only produces 1536 dimensions, so {@code dimensions} is not sent for it.</li>
 * <li>The API key is looked up by name through an {@link ApiKeyResolver} for every call and is never kept or
 * logged.</li>
 * </ul>
 */
public final class OpenAiEmbedder implements Embedder, TokenCounting {

	/** The base URL used when the vectorizer sets none. */
	public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

	/** The name of the API key used when the vectorizer sets none. */
	public static final String DEFAULT_API_KEY_NAME = "OPENAI_API_KEY";

	/** The most inputs sent in one request. */
	public static final int MAX_INPUTS_PER_REQUEST = 2048;

	/** The most estimated tokens sent in one request. */
	public static final int MAX_TOKENS_PER_REQUEST = 300_000;

	private static final String PROVIDER = "OpenAI";

	private static final String ADA_002 = "text-embedding-ada-002";

	private static final int ADA_002_DIMENSIONS = 1536;

	private static final Map<String, Integer> CONTEXT_LENGTHS = Map.of(ADA_002, 8191, "text-embedding-3-small", 8191,
			"text-embedding-3-large", 8191);

	private static final Log logger = LogFactory.getLog(OpenAiEmbedder.class);

	private final String model;

	private final int dimensions;

	private final @Nullable String user;

	private final String apiKeyName;

	private final ApiKeyResolver apiKeyResolver;

	private final @Nullable Integer contextLength;

	private final EmbeddingHttpClient httpClient;

	private final AtomicLong tokensUsed = new AtomicLong();

	private OpenAiEmbedder(Builder builder) {
		this.model = builder.getModel();
		this.dimensions = builder.getDimensions();
		this.user = builder.user;
		this.apiKeyName = builder.getApiKeyName();
		this.apiKeyResolver = builder.getApiKeyResolver();
		this.contextLength = CONTEXT_LENGTHS.get(this.model);
		this.httpClient = builder.createHttpClient();
	}

	/**
	 * Starts building an embedder.
	 * @param model the model name, for example {@code text-embedding-3-small}
	 * @param dimensions the length of the vectors to request and expect
	 * @return a builder
	 */
	public static Builder builder(String model, int dimensions) {
		return new Builder(model, dimensions);
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		String apiKey = resolveApiKey();
		List<String> inputs = truncateToContext(texts);
		List<float[]> vectors = new ArrayList<>(inputs.size());
		for (List<String> batch : RequestBatches.split(inputs, MAX_INPUTS_PER_REQUEST, MAX_TOKENS_PER_REQUEST,
				OpenAiEmbedder::estimateTokens)) {
			vectors.addAll(embedBatch(batch, apiKey));
		}
		return vectors;
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

	private String resolveApiKey() {
		return ApiKeys.require(this.apiKeyResolver, this.apiKeyName, PROVIDER, this.model);
	}

	private List<String> truncateToContext(List<String> texts) {
		if (this.contextLength == null) {
			return texts;
		}
		Encoding encoding = Cl100kBase.ENCODING;
		List<String> inputs = new ArrayList<>(texts);
		for (int i = 0; i < inputs.size(); i++) {
			EncodingResult result = encoding.encodeOrdinary(inputs.get(i), this.contextLength);
			if (result.isTruncated()) {
				if (logger.isWarnEnabled()) {
					logger.warn("Input " + i + " for " + PROVIDER + " model '" + this.model + "' has "
							+ encoding.countTokensOrdinary(inputs.get(i)) + " tokens; truncated to "
							+ this.contextLength + " tokens for the API call (the stored chunk is unchanged)");
				}
				inputs.set(i, encoding.decode(result.getTokens()));
			}
		}
		return inputs;
	}

	private static int estimateTokens(String text) {
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		return (bytes + 3) / 4;
	}

	private List<float[]> embedBatch(List<String> batch, String apiKey) {
		EmbeddingsResponse response = this.httpClient.post("/embeddings", this.model, requestBody(batch),
				EmbeddingsResponse.class, apiKey, "Check the API key in the environment variable or Spring property '"
						+ this.apiKeyName + "' (the vectorizer's api_key_name).");
		this.tokensUsed.addAndGet(response.totalTokens());
		List<float[]> result = IndexedVectors.inInputOrder(
				(response.data() != null) ? response.data() : List.<EmbeddingItem>of(), batch.size(), EmbeddingItem::index,
				EmbeddingItem::embedding, PROVIDER, this.model);
		EmbeddingVectors.require(result, batch.size(), this.dimensions, PROVIDER, this.model);
		return result;
	}

	private ObjectNode requestBody(List<String> batch) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("model", this.model);
		ArrayNode input = body.putArray("input");
		batch.forEach(input::add);
		if (!ADA_002.equals(this.model)) {
			body.put("dimensions", this.dimensions);
		}
		if (this.user != null) {
			body.put("user", this.user);
		}
		body.put("encoding_format", "float");
		return body;
	}

	/**
	 * The body of an OpenAI embeddings response.
	 * @param data one item per input
	 * @param usage the tokens the request used, if the server says
	 */
	record EmbeddingsResponse(@Nullable List<EmbeddingItem> data, @Nullable Usage usage) {

		/** The tokens the request used, 0 if the server does not say. */
		long totalTokens() {
			return (this.usage != null) ? this.usage.totalTokens() : 0;
		}

	}

	/**
	 * The {@code usage} of an OpenAI embeddings response.
	 * @param totalTokens the tokens the request used
	 */
	record Usage(@JsonProperty("total_tokens") long totalTokens) {
	}

	/**
	 * One embedding of an OpenAI embeddings response.
	 * @param index the position of its input in the request
	 * @param embedding the vector
	 */
	record EmbeddingItem(int index, float @Nullable [] embedding) {
	}

	/**
	 * Holds the {@code cl100k_base} encoding, loaded on first use.
	 */
	private static final class Cl100kBase {

		static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	}

	/**
	 * Builds an {@link OpenAiEmbedder}.
	 */
	public static final class Builder extends KeyedHttpEmbedderBuilder<Builder> {

		private @Nullable String user;

		private Builder(String model, int dimensions) {
			super(PROVIDER, model, dimensions, DEFAULT_BASE_URL, DEFAULT_API_KEY_NAME);
			Assert.isTrue(!ADA_002.equals(model) || dimensions == ADA_002_DIMENSIONS,
					() -> ADA_002 + " always produces " + ADA_002_DIMENSIONS + " dimensions but " + dimensions
							+ " were configured; use dimensions => " + ADA_002_DIMENSIONS);
		}

		/**
		 * Sets the end-user identifier sent as {@code user} (pgai's {@code chat_user}).
		 * @param user the identifier, or {@code null} to send none
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Builds the embedder.
		 * @return the embedder
		 */
		public OpenAiEmbedder build() {
			return new OpenAiEmbedder(this);
		}

	}

}
