package io.github.pgaispring.worker;

import io.github.pgaispring.embedding.EmbeddingRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * Which rows that failed in the embedding step skip the retries with backoff: those the provider rejected in a way
 * that sending them again cannot change ({@link EmbeddingRejectedException}). A rejection that fails every request
 * alike (HTTP 401, 403, 404, wrong dimensions) parks the rows at once; one that may be due to the texts (HTTP 400,
 * 413, 422) parks a row once it was rejected alone, or on its retry, so the other rows of its batch are embedded.
 */
final class ProviderRejections {

	private ProviderRejections() {
	}

	/**
	 * Whether a failed row goes to the failed queue now.
	 * @param failure the row's failure
	 * @param rowsInCall how many rows the failed embedding call was for
	 * @return {@code true} to park it without another attempt
	 */
	static boolean parkNow(RowFailure failure, int rowsInCall) {
		if (failure.step() != FailureStep.EMBEDDING) {
			return false;
		}
		EmbeddingRejectedException rejection = rejection(failure.cause());
		return rejection != null && (rejection.failsEveryRequest() || rowsInCall == 1 || failure.row().attempts() > 0);
	}

	/** The provider's rejection among the causes, or {@code null}. */
	static @Nullable EmbeddingRejectedException rejection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EmbeddingRejectedException rejection) {
				return rejection;
			}
			if (cause.getCause() == cause) {
				return null;
			}
		}
		return null;
	}

}
