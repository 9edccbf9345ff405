package io.github.pgaispring.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts JSON to one embedding provider and returns its JSON answer, retrying transient failures (HTTP 408, 429,
 * 5xx and I/O errors such as refused connections and timeouts) as the {@link RetryPolicy} says. Every other
 * non-2xx status fails at once with an {@link EmbeddingException} that carries the provider's own error message.
 * <p>
 * Spring Framework 7's {@code RetryTemplate} is not used because its back-off cannot depend on the failed
 * response, so it cannot honour {@code Retry-After}.
 */
final class EmbeddingHttpClient {

	private static final Log logger = LogFactory.getLog(EmbeddingHttpClient.class);

	private static final int MAX_ERROR_MESSAGE_LENGTH = 500;

	private final String provider;

	private final String baseUrl;

	private final RestClient restClient;

	private final HttpEmbedderOptions options;

	private final RetryPolicy retryPolicy;

	private static final JsonMapper jsonMapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Clock clock = Clock.systemUTC();

	/**
	 * Creates a client for one provider.
	 * @param provider the provider's display name, used in messages
	 * @param baseUrl the provider's base URL, without a trailing slash
	 * @param options timeouts and retry policy
	 * @param restClientBuilder the builder to derive the client from; it is cloned, not changed
	 */
	EmbeddingHttpClient(String provider, String baseUrl, HttpEmbedderOptions options,
			RestClient.Builder restClientBuilder) {
		this.provider = provider;
		this.baseUrl = validBaseUrl(provider, stripTrailingSlashes(baseUrl));
		this.options = options;
		this.retryPolicy = options.retryPolicy();
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(options.readTimeout());
		this.restClient = restClientBuilder.clone().requestFactory(requestFactory).build();
	}

	/**
	 * Posts a JSON body and returns the parsed response, retrying transient failures.
	 * @param <T> the response type
	 * @param path the path below the base URL, starting with {@code /}
	 * @param model the model the request is for, used in messages
	 * @param body the request body
	 * @param responseType the type to read the response body as
	 * @param bearerToken the API key to send as a bearer token, if the provider needs one; it is redacted from
	 * any message
	 * @param rejectionHint what a person should check when the provider rejects the request with 401 or 403
	 * @return the response body
	 * @throws EmbeddingException if the request is rejected, keeps failing, or the answer is not of that type
	 */
	<T> T post(String path, String model, JsonNode body, Class<T> responseType, @Nullable String bearerToken,
			String rejectionHint) {
		String url = this.baseUrl + path;
		byte[] requestBody = jsonMapper.writeValueAsBytes(body);
		for (int attempt = 1;; attempt++) {
			String failure;
			Duration retryAfter = null;
			try {
				RawResponse response = send(url, requestBody, bearerToken);
				if (response.isSuccessful()) {
					return read(response, responseType, url, model);
				}
				failure = describe(response, bearerToken);
				if (!isTransient(response.status())) {
					throw new EmbeddingException(this.provider + " rejected the embeddings request for model '" + model
							+ "' to " + url + " with " + failure + "." + hintFor(response.status(), rejectionHint));
				}
				retryAfter = RetryAfter.parse(response.headers().getFirst(HttpHeaders.RETRY_AFTER), this.clock);
			}
			catch (ResourceAccessException ex) {
				failure = describe(ex);
			}
			if (attempt >= this.retryPolicy.maxAttempts()) {
				throw new EmbeddingException(this.provider + " embeddings request for model '" + model + "' to " + url
						+ " failed after " + attempt + " attempt(s); last failure: " + failure + ". The provider is"
						+ " unreachable or overloaded; check its base URL and status, or allow more retry attempts.");
			}
			Duration delay = this.retryPolicy.delayBeforeRetry(attempt, retryAfter);
			if (logger.isWarnEnabled()) {
				logger.warn(this.provider + " embeddings request for model '" + model + "' failed (" + failure
						+ "); retrying in " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of "
						+ this.retryPolicy.maxAttempts() + ")");
			}
			sleep(delay, model);
		}
	}

	private RawResponse send(String url, byte[] requestBody, @Nullable String bearerToken) {
		return this.restClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (bearerToken != null) {
					headers.setBearerAuth(bearerToken);
				}
			})
			.body(requestBody)
			.exchange((request, response) -> new RawResponse(response.getStatusCode().value(),
					HttpHeaders.readOnlyHttpHeaders(response.getHeaders()), readBody(response.getBody())), true);
	}

	private static byte[] readBody(InputStream body) throws IOException {
		try (body) {
			return body.readAllBytes();
		}
	}

	private <T> T read(RawResponse response, Class<T> responseType, String url, String model) {
		try {
			return jsonMapper.readValue(response.body(), responseType);
		}
		catch (JacksonException ex) {
			throw new EmbeddingException(this.provider + " answered the embeddings request for model '" + model
					+ "' to " + url + " with a body it could not read (" + ex.getOriginalMessage()
					+ "); check that the base URL points at the " + this.provider + " API", ex);
		}
	}

	private static boolean isTransient(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	private String describe(RawResponse response, @Nullable String bearerToken) {
		HttpStatus status = HttpStatus.resolve(response.status());
		String description = "HTTP " + response.status() + ((status != null) ? " " + status.getReasonPhrase() : "");
		String message = providerMessage(response.body());
		if (bearerToken != null && !bearerToken.isEmpty()) {
			message = message.replace(bearerToken, "***");
		}
		return message.isEmpty() ? description : description + ": " + message;
	}

	private String describe(ResourceAccessException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String detail = cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		if (cause instanceof HttpConnectTimeoutException) {
			return "no connection within the connect timeout of " + this.options.connectTimeout().toMillis() + " ms";
		}
		if (cause instanceof HttpTimeoutException) {
			return "no response within the read timeout of " + this.options.readTimeout().toMillis() + " ms";
		}
		if (cause instanceof ConnectException) {
			return "connection failure (" + detail + ")";
		}
		return "I/O error (" + detail + ")";
	}

	/**
	 * Extracts the provider's error message: OpenAI-compatible servers send {@code {"error":{"message":...}}},
	 * Ollama sends {@code {"error":"..."}}, Voyage AI {@code {"detail":"..."}}; anything else is reported as
	 * (shortened) text.
	 */
	private String providerMessage(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		try {
			JsonNode json = jsonMapper.readTree(body);
			JsonNode error = json.path("error");
			if (error.isString()) {
				text = error.stringValue();
			}
			else if (error.path("message").isString()) {
				text = error.path("message").stringValue();
			}
			else if (json.path("message").isString()) {
				text = json.path("message").stringValue();
			}
			else if (json.path("detail").isString()) {
				text = json.path("detail").stringValue();
			}
		}
		catch (JacksonException ex) {
			// not JSON: report the text as it is
		}
		if (text.length() > MAX_ERROR_MESSAGE_LENGTH) {
			return text.substring(0, MAX_ERROR_MESSAGE_LENGTH) + "…";
		}
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	private static String hintFor(int status, String rejectionHint) {
		return switch (status) {
			case 401, 403 -> " " + rejectionHint;
			case 404 -> " Check the model name and the base URL.";
			default -> " Check the vectorizer's embedding configuration (model, dimensions, options).";
		};
	}

	private void sleep(Duration delay, String model) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddingException(
					"Interrupted while waiting to retry the " + this.provider + " request for model '" + model + "'", ex);
		}
	}

	private static String validBaseUrl(String provider, String baseUrl) {
		URI uri;
		try {
			uri = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		boolean valid = uri != null && uri.getHost() != null
				&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		Assert.isTrue(valid, () -> "The " + provider + " base_url '" + baseUrl
				+ "' is not an absolute http(s) URL; use a URL such as http://localhost:11434");
		return baseUrl;
	}

	private static String stripTrailingSlashes(String url) {
		String stripped = url.strip();
		while (stripped.endsWith("/")) {
			stripped = stripped.substring(0, stripped.length() - 1);
		}
		return stripped;
	}

	private record RawResponse(int status, HttpHeaders headers, byte[] body) {

		boolean isSuccessful() {
			return this.status >= 200 && this.status < 300;
		}

	}

}
