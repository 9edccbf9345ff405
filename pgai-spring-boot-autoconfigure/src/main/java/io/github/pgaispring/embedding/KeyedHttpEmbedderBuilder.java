package io.github.pgaispring.embedding;

import org.springframework.util.Assert;

/**
 * Base of the builders of HTTP embedders that send an API key: the name it is registered under (the vectorizer's
 * {@code api_key_name}) and how it is looked up, on top of {@link HttpEmbedderBuilder}.
 *
 * @param <B> the concrete builder type, returned by the setters
 */
public abstract class KeyedHttpEmbedderBuilder<B extends KeyedHttpEmbedderBuilder<B>> extends HttpEmbedderBuilder<B> {

	private String apiKeyName;

	private ApiKeyResolver apiKeyResolver = ApiKeyResolver.environmentVariables();

	KeyedHttpEmbedderBuilder(String provider, String model, int dimensions, String defaultBaseUrl,
			String defaultApiKeyName) {
		super(provider, model, dimensions, defaultBaseUrl);
		this.apiKeyName = defaultApiKeyName;
	}

	/**
	 * Sets the name of the environment variable or Spring property that holds the API key; defaults to the
	 * embedder's {@code DEFAULT_API_KEY_NAME}.
	 * @param apiKeyName the name
	 * @return this builder
	 */
	public B apiKeyName(String apiKeyName) {
		Assert.hasText(apiKeyName, "apiKeyName must not be empty");
		this.apiKeyName = apiKeyName;
		return self();
	}

	/**
	 * Sets how the API key is looked up; defaults to environment variables.
	 * @param apiKeyResolver the resolver
	 * @return this builder
	 */
	public B apiKeyResolver(ApiKeyResolver apiKeyResolver) {
		Assert.notNull(apiKeyResolver, "apiKeyResolver must not be null");
		this.apiKeyResolver = apiKeyResolver;
		return self();
	}

	String getApiKeyName() {
		return this.apiKeyName;
	}

	ApiKeyResolver getApiKeyResolver() {
		return this.apiKeyResolver;
	}

}
