package io.github.pgaispring.embedding;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Base of the builders that set up calls to HTTP embedding providers: the timeouts and retry policy, and the
 * {@link RestClient.Builder} the HTTP client is derived from.
 *
 * @param <B> the concrete builder type, returned by the setters
 */
public abstract class HttpTransportBuilder<B extends HttpTransportBuilder<B>> {

	private HttpEmbedderOptions httpOptions = HttpEmbedderOptions.defaults();

	private RestClient.@Nullable Builder restClientBuilder;

	HttpTransportBuilder() {
	}

	/**
	 * Sets timeouts and the retry policy; defaults to {@link HttpEmbedderOptions#defaults()}.
	 * @param httpOptions the options
	 * @return this builder
	 */
	public B httpOptions(HttpEmbedderOptions httpOptions) {
		Assert.notNull(httpOptions, "httpOptions must not be null");
		this.httpOptions = httpOptions;
		return self();
	}

	/**
	 * Sets the builder the HTTP client is derived from (it is cloned, not changed), for example Spring Boot's
	 * auto-configured one: its request factory sends the requests, so give it the timeouts of the
	 * {@link #httpOptions(HttpEmbedderOptions) options} (the starter's auto-configuration builds it with
	 * Spring Boot's {@code ClientHttpRequestFactoryBuilder} from {@code spring.http.clients.*} and
	 * {@code pgai.http.*}). Without one, requests go through the JDK's {@code HttpClient} with the options'
	 * timeouts.
	 * @param restClientBuilder the builder
	 * @return this builder
	 */
	public B restClientBuilder(RestClient.Builder restClientBuilder) {
		Assert.notNull(restClientBuilder, "restClientBuilder must not be null");
		this.restClientBuilder = restClientBuilder;
		return self();
	}

	HttpEmbedderOptions getHttpOptions() {
		return this.httpOptions;
	}

	RestClient.Builder getRestClientBuilder() {
		return (this.restClientBuilder != null) ? this.restClientBuilder
				: this.httpOptions.newRestClientBuilder();
	}

	@SuppressWarnings("unchecked")
	final B self() {
		return (B) this;
	}

}
