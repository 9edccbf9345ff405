package io.github.pgaispring.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

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
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts JSON to one embedding provider and returns its JSON answer, retrying transient failures (HTTP 408, 429,
 * 5xx and I/O errors such as refused connections and timeouts) as the {@link RetryPolicy} says. Every other
 * non-2xx status fails at once with an {@link EmbeddingRejectedException} that carries the provider's own error
 * message. The requests go through the given {@link RestClient.Builder}'s request factory, interceptors and
 * observations (Spring Boot's auto-configured builder, or one with the JDK's client and the options' timeouts).
 * <p>
 * Spring Framework 7's {@code RetryTemplate} is not used because its back-off cannot depend on the failed
 * response, so it cannot honour {@code Retry-After}.
 */
final class EmbeddingHttpClient {

	private static final Log logger = LogFactory.getLog(EmbeddingHttpClient.class);

	private static final int MAX_ERROR_MESSAGE_LENGTH = 500;

	private static final Pattern TOKEN_DETAIL = Pattern.compile("\\s*\\(token `[^`]*`\\)");

	private static final Pattern JAVA_TYPE = Pattern.compile("`([\\w.$<>\\[\\], ]+)`");

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
	 * @param options timeouts (for messages; the builder's request factory applies them) and retry policy
	 * @param restClientBuilder the builder to derive the client from, with its request factory, customizations and
	 * observations; it is cloned, not changed
	 */
	EmbeddingHttpClient(String provider, String baseUrl, HttpEmbedderOptions options,
			RestClient.Builder restClientBuilder) {
		this.provider = provider;
		this.baseUrl = validBaseUrl(provider, stripTrailingSlashes(baseUrl));
		this.options = options;
		this.retryPolicy = options.retryPolicy();
		this.restClient = restClientBuilder.clone().build();
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
			Failure failure;
			Duration retryAfter = null;
			try {
				RawResponse response = send(url, requestBody, bearerToken);
				if (response.isSuccessful()) {
					return read(response, responseType, url, model);
				}
				String description = describe(response, bearerToken);
				if (!isTransient(response.status())) {
					throw new EmbeddingRejectedException(this.provider + " rejected the embeddings request for model '"
							+ model + "' to " + url + " with " + description + "."
							+ hintFor(response.status(), rejectionHint),
							EmbeddingRejectedException.failsEveryRequest(response.status()));
				}
				failure = new Failure(description, " The provider is overloaded or failing; check its status, or allow"
						+ " more attempts with pgai.http.retry.max-attempts.");
				retryAfter = RetryAfter.parse(response.headers().getFirst(HttpHeaders.RETRY_AFTER), this.clock);
			}
			catch (ResourceAccessException ex) {
				failure = describe(ex, URI.create(url));
			}
			if (attempt >= this.retryPolicy.maxAttempts()) {
				throw new EmbeddingException(this.provider + " embeddings request for model '" + model + "' to " + url
						+ " failed after " + attempt + " attempt(s); last failure: " + failure.description() + "."
						+ failure.hint());
			}
			Duration delay = this.retryPolicy.delayBeforeRetry(attempt, retryAfter);
			if (logger.isWarnEnabled()) {
				logger.warn(this.provider + " embeddings request for model '" + model + "' failed ("
						+ failure.description() + "); retrying in " + delay.toMillis() + " ms (attempt " + (attempt + 1)
						+ " of " + this.retryPolicy.maxAttempts() + ")");
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
			String where = ex.getPath().isEmpty() ? "" : " at " + jsonPath(ex.getPath());
			throw new EmbeddingException(this.provider + " answered the embeddings request for model '" + model
					+ "' to " + url + " with a body it could not read" + where + " (" + plainReason(ex)
					+ "); check that the base URL points at the " + this.provider + " API");
		}
	}

	/** A JSON path such as {@code data[0].embedding} for Jackson's reference chain. */
	private static String jsonPath(List<JacksonException.Reference> path) {
		StringBuilder text = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				text.append((text.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				text.append('[').append(reference.getIndex()).append(']');
			}
		}
		return text.toString();
	}

	/**
	 * Jackson's message without its token details and with Java type names as a JSON reader knows them
	 * ({@code float[]}, not the starter's response records).
	 */
	private static String plainReason(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse("").strip();
		message = TOKEN_DETAIL.matcher(message).replaceAll("");
		return JAVA_TYPE.matcher(message).replaceAll((match) -> "`" + simpleTypeName(match.group(1)) + "`");
	}

	private static String simpleTypeName(String type) {
		return type.replaceAll("(?:[a-z_][\\w]*\\.)+", "").replaceAll("\\w+\\$", "");
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

	/**
	 * What went wrong on the way to the provider, and what to check: the failure type is looked up along the cause
	 * chain, so it reads the same whichever HTTP library Spring Boot's request factory uses.
	 */
	private Failure describe(ResourceAccessException ex, URI url) {
		String address = url.getHost() + ":" + ((url.getPort() != -1) ? url.getPort()
				: ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80));
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException || (cause instanceof SocketTimeoutException
					&& String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect"))) {
				return new Failure("no connection to " + address + " within the connect timeout of "
						+ this.options.connectTimeout().toMillis() + " ms", " Check the base URL (" + this.baseUrl
						+ ") and the network between this application and " + address + " (proxy, firewall), or"
						+ " raise pgai.http.connect-timeout.");
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return new Failure("no response from " + address + " within the read timeout of "
						+ this.options.readTimeout().toMillis() + " ms", " The provider is slow or stuck; raise"
						+ " pgai.http.read-timeout for large batches, or check the provider.");
			}
			if (cause instanceof ConnectException) {
				return new Failure("connection to " + address + " refused", " Is the " + this.provider
						+ " server at " + address + " running, and is the vectorizer's base URL (" + this.baseUrl
						+ ") right?");
			}
			if (cause instanceof UnknownHostException) {
				return new Failure("unknown host " + url.getHost(), " Check the host name of the vectorizer's base URL ("
						+ this.baseUrl + ") and the DNS of this machine.");
			}
			if (cause instanceof SSLException) {
				return new Failure("TLS handshake with " + address + " failed (" + cause.getMessage() + ")",
						" Check the server's certificate, or trust it with an SSL bundle"
								+ " (spring.http.clients.ssl.bundle).");
			}
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return new Failure("I/O error talking to " + address + " (" + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")",
				" Check the base URL (" + this.baseUrl + ") and the network.");
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

	/** A failed attempt: what happened, and (starting with a space) what to check. */
	private record Failure(String description, String hint) {

	}

	private record RawResponse(int status, HttpHeaders headers, byte[] body) {

		boolean isSuccessful() {
			return this.status >= 200 && this.status < 300;
		}

	}

}
