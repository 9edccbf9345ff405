package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingOpenaiConfig;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The starter's provider for {@code openai} ({@code ai.embedding_openai}): an {@link OpenAiEmbedder} for OpenAI
 * or any OpenAI-compatible server.
 */
public final class OpenAiEmbeddingProvider implements StarterEmbeddingProvider<EmbeddingOpenaiConfig> {

	private final ApiKeyResolver apiKeyResolver;

	private final HttpEmbedderOptions httpOptions;

	private final RestClient.Builder restClientBuilder;

	/**
	 * Creates the provider.
	 * @param apiKeyResolver looks up the key named by {@code api_key_name}
	 * @param httpOptions timeouts and retries
	 * @param restClientBuilder the builder the HTTP clients are derived from (cloned, not changed); its request
	 * factory sends the requests and applies the timeouts
	 */
	public OpenAiEmbeddingProvider(ApiKeyResolver apiKeyResolver, HttpEmbedderOptions httpOptions,
			RestClient.Builder restClientBuilder) {
		Assert.notNull(apiKeyResolver, "apiKeyResolver must not be null");
		Assert.notNull(httpOptions, "httpOptions must not be null");
		Assert.notNull(restClientBuilder, "restClientBuilder must not be null");
		this.apiKeyResolver = apiKeyResolver;
		this.httpOptions = httpOptions;
		this.restClientBuilder = restClientBuilder;
	}

	@Override
	public String implementation() {
		return "openai";
	}

	@Override
	public Class<EmbeddingOpenaiConfig> configType() {
		return EmbeddingOpenaiConfig.class;
	}

	@Override
	public Embedder createEmbedder(EmbeddingOpenaiConfig config) {
		OpenAiEmbedder.Builder builder = OpenAiEmbedder.builder(config.model(), config.dimensions())
			.apiKeyResolver(this.apiKeyResolver)
			.user(StringUtils.hasText(config.chatUser()) ? config.chatUser() : null)
			.httpOptions(this.httpOptions)
			.restClientBuilder(this.restClientBuilder)
			.baseUrlIfSet(config.baseUrl());
		if (StringUtils.hasText(config.apiKeyName())) {
			builder.apiKeyName(config.apiKeyName());
		}
		return builder.build();
	}

	@Override
	public String toString() {
		return "the starter's OpenAI provider";
	}

}
