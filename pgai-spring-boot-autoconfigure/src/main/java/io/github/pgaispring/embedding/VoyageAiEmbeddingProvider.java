package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingVoyageaiConfig;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The starter's provider for {@code voyageai} ({@code ai.embedding_voyageai}): a {@link VoyageAiEmbedder}. pgai's
 * stored configuration has no base URL, so the provider has one for all vectorizers ({@code pgai.voyageai.base-url}).
 */
public final class VoyageAiEmbeddingProvider implements StarterEmbeddingProvider<EmbeddingVoyageaiConfig> {

	private final ApiKeyResolver apiKeyResolver;

	private final HttpEmbedderOptions httpOptions;

	private final RestClient.Builder restClientBuilder;

	private final String baseUrl;

	/**
	 * Creates the provider.
	 * @param apiKeyResolver looks up the key named by {@code api_key_name}
	 * @param httpOptions timeouts and retries
	 * @param restClientBuilder the builder the HTTP clients are derived from (cloned, not changed)
	 * @param baseUrl the base URL of Voyage's API, e.g. {@value VoyageAiEmbedder#DEFAULT_BASE_URL}
	 */
	public VoyageAiEmbeddingProvider(ApiKeyResolver apiKeyResolver, HttpEmbedderOptions httpOptions,
			RestClient.Builder restClientBuilder, String baseUrl) {
		Assert.notNull(apiKeyResolver, "apiKeyResolver must not be null");
		Assert.notNull(httpOptions, "httpOptions must not be null");
		Assert.notNull(restClientBuilder, "restClientBuilder must not be null");
		Assert.hasText(baseUrl, "baseUrl must not be empty");
		this.apiKeyResolver = apiKeyResolver;
		this.httpOptions = httpOptions;
		this.restClientBuilder = restClientBuilder;
		this.baseUrl = baseUrl;
	}

	@Override
	public String implementation() {
		return "voyageai";
	}

	@Override
	public Class<EmbeddingVoyageaiConfig> configType() {
		return EmbeddingVoyageaiConfig.class;
	}

	@Override
	public Embedder createEmbedder(EmbeddingVoyageaiConfig config) {
		VoyageAiEmbedder.Builder builder = VoyageAiEmbedder.builder(config.model(), config.dimensions())
			.inputType(config.inputType())
			.outputDimension(config.outputDimension())
			.outputDtype(config.outputDtype())
			.apiKeyResolver(this.apiKeyResolver)
			.httpOptions(this.httpOptions)
			.restClientBuilder(this.restClientBuilder)
			.baseUrl(this.baseUrl);
		if (StringUtils.hasText(config.apiKeyName())) {
			builder.apiKeyName(config.apiKeyName());
		}
		return builder.build();
	}

	@Override
	public String toString() {
		return "the starter's Voyage AI provider";
	}

}
