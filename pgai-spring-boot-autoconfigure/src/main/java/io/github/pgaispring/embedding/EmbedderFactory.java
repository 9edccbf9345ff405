package io.github.pgaispring.embedding;

import java.util.Locale;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Builds an {@link Embedder} from a vectorizer's stored embedding configuration, the JSON that pgai's
 * {@code ai.embedding_openai(...)} and {@code ai.embedding_ollama(...)} produce, plus {@code "implementation":
 * "onnx"} for this starter's in-process models. Recognized keys: {@code implementation}, {@code model},
 * {@code dimensions}, {@code api_key_name}, {@code base_url}, {@code user}, {@code options} and
 * {@code keep_alive}; other keys (such as {@code config_type}) are ignored.
 * <p>
 * Configuration errors (an unknown implementation or model, missing or wrong dimensions) raise an
 * {@link IllegalArgumentException} that says what to change.
 */
public final class EmbedderFactory {

	private final ApiKeyResolver apiKeyResolver;

	private final HttpEmbedderOptions httpOptions;

	private final RestClient.Builder restClientBuilder;

	private final Executor onnxExecutor;

	private final int ollamaMaxInputsPerRequest;

	private EmbedderFactory(Builder builder) {
		this.apiKeyResolver = builder.apiKeyResolver;
		this.httpOptions = builder.getHttpOptions();
		this.restClientBuilder = builder.getRestClientBuilder();
		this.onnxExecutor = (builder.onnxExecutor != null) ? builder.onnxExecutor
				: OnnxEmbedder.newExecutor(builder.onnxThreads);
		this.ollamaMaxInputsPerRequest = builder.ollamaMaxInputsPerRequest;
	}

	/**
	 * Starts building a factory.
	 * @return a builder with defaults: keys from environment variables, {@link HttpEmbedderOptions#defaults()},
	 * one ONNX thread per core, and {@value OllamaEmbedder#DEFAULT_MAX_INPUTS_PER_REQUEST} inputs per Ollama
	 * request
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds the embedder a vectorizer's embedding configuration describes.
	 * @param config the embedding configuration, such as
	 * {@code {"implementation": "openai", "model": "text-embedding-3-small", "dimensions": 768}}
	 * @return the embedder
	 * @throws IllegalArgumentException if the configuration is invalid or names an unsupported implementation
	 */
	public Embedder create(JsonNode config) {
		Assert.isTrue(config != null && config.isObject(),
				() -> "The embedding configuration must be a JSON object but was " + config);
		String implementation = requiredText(config, "implementation");
		return switch (implementation.toLowerCase(Locale.ROOT)) {
			case "openai" -> createOpenAi(config);
			case "ollama" -> createOllama(config);
			case "onnx" -> createOnnx(config);
			case "voyageai", "litellm" -> throw new IllegalArgumentException("The embedding implementation '"
					+ implementation + "' is not supported by this starter yet; use openai, ollama or onnx");
			default -> throw new IllegalArgumentException("Unknown embedding implementation '" + implementation
					+ "'; use openai, ollama or onnx");
		};
	}

	private Embedder createOpenAi(JsonNode config) {
		OpenAiEmbedder.Builder builder = withTransport(OpenAiEmbedder
			.builder(requiredText(config, "model"), requiredDimensions(config))
			.apiKeyResolver(this.apiKeyResolver)
			.user(optionalText(config, "user")), config);
		String apiKeyName = optionalText(config, "api_key_name");
		if (apiKeyName != null) {
			builder.apiKeyName(apiKeyName);
		}
		return builder.build();
	}

	private Embedder createOllama(JsonNode config) {
		JsonNode options = config.path("options");
		return withTransport(OllamaEmbedder.builder(requiredText(config, "model"), requiredDimensions(config))
			.options((options.isMissingNode() || options.isNull()) ? null : options)
			.keepAlive(optionalText(config, "keep_alive"))
			.maxInputsPerRequest(this.ollamaMaxInputsPerRequest), config)
			.build();
	}

	private <B extends HttpEmbedderBuilder<B>> B withTransport(B builder, JsonNode config) {
		builder.httpOptions(this.httpOptions).restClientBuilder(this.restClientBuilder);
		String baseUrl = optionalText(config, "base_url");
		return (baseUrl != null) ? builder.baseUrl(baseUrl) : builder;
	}

	private Embedder createOnnx(JsonNode config) {
		String modelName = optionalText(config, "model");
		OnnxModel model = (modelName != null) ? OnnxModel.forName(modelName) : OnnxModel.ALL_MINILM_L6_V2;
		if (hasValue(config, "dimensions")) {
			int dimensions = requiredDimensions(config);
			Assert.isTrue(dimensions == model.dimensions(),
					() -> "The ONNX model '" + model.modelName() + "' produces " + model.dimensions()
							+ "-dimensional embeddings but the embedding configuration says dimensions " + dimensions
							+ "; set dimensions to " + model.dimensions());
		}
		return new OnnxEmbedder(model, this.onnxExecutor);
	}

	private static String requiredText(JsonNode config, String key) {
		String value = optionalText(config, key);
		Assert.isTrue(value != null, () -> "The embedding configuration has no '" + key + "': " + config);
		return value;
	}

	private static @Nullable String optionalText(JsonNode config, String key) {
		JsonNode value = config.path(key);
		if (!hasValue(config, key)) {
			return null;
		}
		Assert.isTrue(value.isString(),
				() -> "The embedding configuration's '" + key + "' must be a string but was " + value);
		String text = value.stringValue();
		return text.isBlank() ? null : text;
	}

	private static int requiredDimensions(JsonNode config) {
		JsonNode dimensions = config.path("dimensions");
		Assert.isTrue(dimensions.canConvertToInt() && dimensions.isIntegralNumber() && dimensions.intValue() > 0,
				() -> "The embedding configuration needs a positive integer 'dimensions' but has " + dimensions);
		return dimensions.intValue();
	}

	private static boolean hasValue(JsonNode config, String key) {
		JsonNode value = config.path(key);
		return !value.isMissingNode() && !value.isNull();
	}

	/**
	 * Builds an {@link EmbedderFactory}.
	 */
	public static final class Builder extends HttpTransportBuilder<Builder> {

		private ApiKeyResolver apiKeyResolver = ApiKeyResolver.environmentVariables();

		private @Nullable Executor onnxExecutor;

		private int onnxThreads = Runtime.getRuntime().availableProcessors();

		private int ollamaMaxInputsPerRequest = OllamaEmbedder.DEFAULT_MAX_INPUTS_PER_REQUEST;

		private Builder() {
		}

		/**
		 * Sets how API keys are looked up by their {@code api_key_name}; defaults to environment variables.
		 * @param apiKeyResolver the resolver
		 * @return this builder
		 */
		public Builder apiKeyResolver(ApiKeyResolver apiKeyResolver) {
			Assert.notNull(apiKeyResolver, "apiKeyResolver must not be null");
			this.apiKeyResolver = apiKeyResolver;
			return this;
		}

		/**
		 * Sets the executor all ONNX embedders share; when set, {@link #onnxThreads(int)} is not used.
		 * @param onnxExecutor the executor, owned by the caller
		 * @return this builder
		 */
		public Builder onnxExecutor(Executor onnxExecutor) {
			Assert.notNull(onnxExecutor, "onnxExecutor must not be null");
			this.onnxExecutor = onnxExecutor;
			return this;
		}

		/**
		 * Sets how many threads the factory's own ONNX pool has (see {@link OnnxEmbedder#newExecutor(int)});
		 * defaults to the number of cores.
		 * @param onnxThreads the thread count, at least 1
		 * @return this builder
		 */
		public Builder onnxThreads(int onnxThreads) {
			Assert.isTrue(onnxThreads >= 1, () -> "onnxThreads must be at least 1 but was " + onnxThreads);
			this.onnxThreads = onnxThreads;
			return this;
		}

		/**
		 * Sets the most inputs sent in one Ollama request.
		 * @param ollamaMaxInputsPerRequest the limit, at least 1
		 * @return this builder
		 */
		public Builder ollamaMaxInputsPerRequest(int ollamaMaxInputsPerRequest) {
			Assert.isTrue(ollamaMaxInputsPerRequest >= 1,
					() -> "ollamaMaxInputsPerRequest must be at least 1 but was " + ollamaMaxInputsPerRequest);
			this.ollamaMaxInputsPerRequest = ollamaMaxInputsPerRequest;
			return this;
		}

		/**
		 * Builds the factory.
		 * @return the factory
		 */
		public EmbedderFactory build() {
			return new EmbedderFactory(this);
		}

	}

}
