package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingOllamaConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The starter's provider for {@code ollama} ({@code ai.embedding_ollama}): an {@link OllamaEmbedder}.
 */
public final class OllamaEmbeddingProvider implements StarterEmbeddingProvider<EmbeddingOllamaConfig> {

	private final HttpEmbedderOptions httpOptions;

	private final RestClient.Builder restClientBuilder;

	private final int maxInputsPerRequest;

	/**
	 * Creates the provider.
	 * @param httpOptions timeouts and retries
	 * @param restClientBuilder the builder the HTTP clients are derived from (cloned, not changed); its request
	 * factory sends the requests and applies the timeouts
	 * @param maxInputsPerRequest the most inputs sent in one request, at least 1
	 */
	public OllamaEmbeddingProvider(HttpEmbedderOptions httpOptions, RestClient.Builder restClientBuilder,
			int maxInputsPerRequest) {
		Assert.notNull(httpOptions, "httpOptions must not be null");
		Assert.notNull(restClientBuilder, "restClientBuilder must not be null");
		Assert.isTrue(maxInputsPerRequest >= 1,
				() -> "maxInputsPerRequest must be at least 1 but was " + maxInputsPerRequest);
		this.httpOptions = httpOptions;
		this.restClientBuilder = restClientBuilder;
		this.maxInputsPerRequest = maxInputsPerRequest;
	}

	@Override
	public String implementation() {
		return "ollama";
	}

	@Override
	public Class<EmbeddingOllamaConfig> configType() {
		return EmbeddingOllamaConfig.class;
	}

	@Override
	public Embedder createEmbedder(EmbeddingOllamaConfig config) {
		return OllamaEmbedder.builder(config.model(), config.dimensions())
			.options((config.options() != null) ? JsonMapper.shared().valueToTree(config.options()) : null)
			.keepAlive(StringUtils.hasText(config.keepAlive()) ? config.keepAlive() : null)
			.maxInputsPerRequest(this.maxInputsPerRequest)
			.httpOptions(this.httpOptions)
			.restClientBuilder(this.restClientBuilder)
			.baseUrlIfSet(config.baseUrl())
			.build();
	}

	@Override
	public String toString() {
		return "the starter's Ollama provider";
	}

}
