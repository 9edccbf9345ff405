package io.github.pgaispring.autoconfigure;

import org.springframework.web.client.RestClient;

/**
 * The {@link RestClient.Builder} the starter's HTTP embedding providers derive their clients from. With Spring Boot's
 * HTTP client support on the class path it is Boot's auto-configured builder (its {@code RestClientCustomizer}s,
 * message converters and {@code http.client.requests} observations) with a request factory that Boot's
 * {@code ClientHttpRequestFactoryBuilder} builds from {@code spring.http.clients.*} (the HTTP library, SSL bundle,
 * redirects) and the {@code pgai.http.*} timeouts, which embedding calls need longer than typical service calls
 * (see {@link PgaiWorkerAutoConfiguration}). Without it, the JDK's {@code HttpClient} with those timeouts.
 */
final class EmbeddingRestClients {

	private final RestClient.Builder builder;

	/**
	 * Wraps the builder the providers share.
	 * @param builder the builder, with its request factory set
	 */
	EmbeddingRestClients(RestClient.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Returns a builder for one provider.
	 * @return a clone of the shared builder
	 */
	RestClient.Builder builder() {
		return this.builder.clone();
	}

}
