package io.github.pgaispring.embedding;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Transport settings shared by the HTTP embedding providers.
 *
 * @param connectTimeout how long to wait for a TCP connection to the provider
 * @param readTimeout how long to wait for the provider's response to one request
 * @param retryPolicy how transient failures are retried within one call
 */
public record HttpEmbedderOptions(Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy) {

	/**
	 * Validates the options.
	 */
	public HttpEmbedderOptions {
		Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
		Assert.isTrue(readTimeout != null && !readTimeout.isNegative() && !readTimeout.isZero(), "readTimeout must be positive");
		Assert.notNull(retryPolicy, "retryPolicy must not be null");
	}

	/**
	 * Returns the defaults: 10 s to connect, 120 s to read a response (a full batch of 2048 inputs can take a
	 * while), and {@link RetryPolicy#defaults()}.
	 * @return the default options
	 */
	public static HttpEmbedderOptions defaults() {
		return new HttpEmbedderOptions(Duration.ofSeconds(10), Duration.ofSeconds(120), RetryPolicy.defaults());
	}

	/**
	 * Returns a builder whose requests go through the JDK's {@link HttpClient} with these timeouts: what the HTTP
	 * embedders use when they are given no builder of their own.
	 * @return a new builder
	 */
	public RestClient.Builder newRestClientBuilder() {
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(this.connectTimeout).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(this.readTimeout);
		return RestClient.builder().requestFactory(requestFactory);
	}

	/**
	 * Returns a copy with another retry policy.
	 * @param retryPolicy the retry policy to use
	 * @return the new options
	 */
	public HttpEmbedderOptions withRetryPolicy(RetryPolicy retryPolicy) {
		return new HttpEmbedderOptions(this.connectTimeout, this.readTimeout, retryPolicy);
	}

}
