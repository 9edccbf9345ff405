package io.github.pgaispring.embedding;

/**
 * Thrown when the provider's answer means that sending the same request again cannot succeed: it rejected the
 * request (an HTTP 4xx other than 408 and 429), or its vectors have other dimensions than the vectorizer's. The
 * worker does not retry such a failure with backoff: rows whose every request fails alike (a bad API key, a model
 * or URL that does not exist, dimensions that do not match the model) go to the failed queue at once, and rows of a
 * request the provider refused for its content (HTTP 400, 413, 422) are retried once each, alone, so that only the
 * texts at fault stay there.
 */
public class EmbeddingRejectedException extends EmbeddingException {

	private final boolean failsEveryRequest;

	/**
	 * Creates the exception.
	 * @param message what the provider refused and what to fix
	 * @param failsEveryRequest whether any request would fail alike, whatever its texts
	 */
	public EmbeddingRejectedException(String message, boolean failsEveryRequest) {
		super(message);
		this.failsEveryRequest = failsEveryRequest;
	}

	/**
	 * Returns whether any request fails alike, whatever its texts (credentials, model, URL, dimensions), rather than
	 * because of the texts of this one.
	 * @return {@code true} if no text can succeed until the configuration changes
	 */
	public boolean failsEveryRequest() {
		return this.failsEveryRequest;
	}

	/**
	 * Returns whether an HTTP status of a rejected request fails every request alike: 401, 402, 403, 404, 405 and
	 * 410 do (credentials, billing, permissions, model or URL), others such as 400, 413 and 422 concern the
	 * request's texts.
	 * @param status the HTTP status
	 * @return {@code true} if every request fails alike
	 */
	static boolean failsEveryRequest(int status) {
		return switch (status) {
			case 401, 402, 403, 404, 405, 410 -> true;
			default -> false;
		};
	}

}
