package io.github.pgaispring.embedding;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Base of the builders of HTTP embedders: the model, the expected dimensions and the provider's base URL, on top
 * of the transport settings of {@link HttpTransportBuilder}.
 *
 * @param <B> the concrete builder type, returned by the setters
 */
public abstract class HttpEmbedderBuilder<B extends HttpEmbedderBuilder<B>> extends HttpTransportBuilder<B> {

	private final String provider;

	private final String model;

	private final int dimensions;

	private String baseUrl;

	HttpEmbedderBuilder(String provider, String model, int dimensions, String defaultBaseUrl) {
		Assert.hasText(model, () -> "The " + provider + " embedding model must not be empty");
		Assert.isTrue(dimensions > 0, () -> "dimensions must be positive but was " + dimensions);
		this.provider = provider;
		this.model = model;
		this.dimensions = dimensions;
		this.baseUrl = defaultBaseUrl;
	}

	/**
	 * Sets the provider's base URL, for example an OpenAI-compatible server's {@code http://localhost:8000/v1};
	 * defaults to the embedder's {@code DEFAULT_BASE_URL}.
	 * @param baseUrl the base URL
	 * @return this builder
	 */
	public B baseUrl(String baseUrl) {
		Assert.hasText(baseUrl, "baseUrl must not be empty");
		this.baseUrl = baseUrl;
		return self();
	}

	/** Sets the base URL when the configuration has one, keeping the default for {@code null} or blank. */
	B baseUrlIfSet(@Nullable String baseUrl) {
		return (baseUrl != null && !baseUrl.isBlank()) ? baseUrl(baseUrl) : self();
	}

	String getModel() {
		return this.model;
	}

	int getDimensions() {
		return this.dimensions;
	}

	EmbeddingHttpClient createHttpClient() {
		return new EmbeddingHttpClient(this.provider, this.baseUrl, getHttpOptions(), getRestClientBuilder());
	}

}
