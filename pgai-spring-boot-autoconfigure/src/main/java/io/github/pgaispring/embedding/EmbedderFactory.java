package io.github.pgaispring.embedding;

import java.util.concurrent.Executor;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingLitellmConfig;
import io.github.pgaispring.sql.EmbeddingOllamaConfig;
import io.github.pgaispring.sql.EmbeddingOnnxConfig;
import io.github.pgaispring.sql.EmbeddingOpenaiConfig;
import io.github.pgaispring.sql.EmbeddingVoyageaiConfig;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Builds an {@link Embedder} from a vectorizer's stored embedding configuration, read into the typed
 * {@link EmbeddingConfig} records: pgai's {@code ai.embedding_openai(...)} and {@code ai.embedding_ollama(...)},
 * plus {@code ai.embedding_onnx(...)} for this starter's in-process models.
 * <p>
 * Configuration errors (an unknown implementation or model, wrong dimensions) raise an
 * {@link IllegalArgumentException} that says what to change.
 */
public final class EmbedderFactory {

	private static final String SUPPORTED = "use openai, ollama or onnx";

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
	 * @param config the embedding configuration, such as {@code EmbeddingConfig.openai("text-embedding-3-small", 768)}
	 * @return the embedder
	 * @throws IllegalArgumentException if the configuration is invalid or names an unsupported implementation
	 */
	public Embedder create(EmbeddingConfig config) {
		Assert.notNull(config, "The embedding configuration must not be null");
		if (config instanceof EmbeddingOpenaiConfig openai) {
			return createOpenAi(openai);
		}
		if (config instanceof EmbeddingOllamaConfig ollama) {
			return createOllama(ollama);
		}
		if (config instanceof EmbeddingOnnxConfig onnx) {
			return createOnnx(onnx);
		}
		if (config instanceof EmbeddingVoyageaiConfig || config instanceof EmbeddingLitellmConfig) {
			throw new IllegalArgumentException("The embedding implementation '" + config.implementation()
					+ "' is not supported by this starter yet; " + SUPPORTED);
		}
		throw new IllegalArgumentException(
				"Unknown embedding implementation '" + config.implementation() + "'; " + SUPPORTED);
	}

	private Embedder createOpenAi(EmbeddingOpenaiConfig config) {
		OpenAiEmbedder.Builder builder = withTransport(OpenAiEmbedder.builder(config.model(), config.dimensions())
			.apiKeyResolver(this.apiKeyResolver)
			.user(textOrNull(config.chatUser())), config.baseUrl());
		String apiKeyName = textOrNull(config.apiKeyName());
		if (apiKeyName != null) {
			builder.apiKeyName(apiKeyName);
		}
		return builder.build();
	}

	private Embedder createOllama(EmbeddingOllamaConfig config) {
		return withTransport(OllamaEmbedder.builder(config.model(), config.dimensions())
			.options((config.options() != null) ? JsonMapper.shared().valueToTree(config.options()) : null)
			.keepAlive(textOrNull(config.keepAlive()))
			.maxInputsPerRequest(this.ollamaMaxInputsPerRequest), config.baseUrl())
			.build();
	}

	private <B extends HttpEmbedderBuilder<B>> B withTransport(B builder, @Nullable String baseUrl) {
		builder.httpOptions(this.httpOptions).restClientBuilder(this.restClientBuilder);
		String url = textOrNull(baseUrl);
		return (url != null) ? builder.baseUrl(url) : builder;
	}

	private Embedder createOnnx(EmbeddingOnnxConfig config) {
		String modelName = textOrNull(config.model());
		OnnxModel model = (modelName != null) ? OnnxModel.forName(modelName) : OnnxModel.ALL_MINILM_L6_V2;
		Integer dimensions = config.dimensions();
		if (dimensions != null) {
			Assert.isTrue(dimensions == model.dimensions(),
					() -> "The ONNX model '" + model.modelName() + "' produces " + model.dimensions()
							+ "-dimensional embeddings but the embedding configuration says dimensions " + dimensions
							+ "; set dimensions to " + model.dimensions());
		}
		return new OnnxEmbedder(model, this.onnxExecutor);
	}

	private static @Nullable String textOrNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
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
