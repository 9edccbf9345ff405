package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.Set;

import io.github.pgaispring.embedding.ExponentialBackoff;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.ProcessingConfig;
import io.github.pgaispring.sql.Vectorizer;

/**
 * Settings of a {@link VectorizerWorker}.
 *
 * @param threads how many batches run at once (over all vectorizers)
 * @param pollInterval how often idle queues are checked for new work; new rows are picked up within
 * about this delay
 * @param heartbeatInterval how often the worker reports to {@code ai.vectorizer_worker_process}
 * @param progressLogInterval how often progress (done/remaining, rate, ETA) of long backfills is logged
 * @param batchSize source rows per batch, or {@code null} for each vectorizer's
 * {@code processing.batch_size} (default 50)
 * @param vectorizerNames the vectorizers to process; empty for all of them
 * @param maxRetries the most retries after a row's first failed attempt, over every vectorizer, or
 * {@code null} for each vectorizer's own {@code loading.retries}; a vectorizer's smaller
 * {@code loading.retries} still applies. A row that fails once more moves to the failed queue
 * @param retryBackoff the delay before a failed row's first retry; it doubles with each further retry
 * @param maxRetryBackoff the longest delay between retries
 * @param shutdownTimeout how long {@link VectorizerWorker#stop()} waits for running batches to finish
 */
public record WorkerSettings(int threads, Duration pollInterval, Duration heartbeatInterval,
		Duration progressLogInterval, Integer batchSize, Set<String> vectorizerNames, Integer maxRetries,
		Duration retryBackoff, Duration maxRetryBackoff, Duration shutdownTimeout) {

	public WorkerSettings {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, was " + threads);
		}
		if (batchSize != null && (batchSize < 1 || batchSize > ProcessingConfig.MAX_BATCH_SIZE)) {
			throw new IllegalArgumentException(
					"batchSize must be between 1 and " + ProcessingConfig.MAX_BATCH_SIZE + ", was " + batchSize);
		}
		if (maxRetries != null && maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
		}
		requirePositive("pollInterval", pollInterval);
		requirePositive("heartbeatInterval", heartbeatInterval);
		requirePositive("progressLogInterval", progressLogInterval);
		requirePositive("shutdownTimeout", shutdownTimeout);
		if (retryBackoff == null || maxRetryBackoff == null || retryBackoff.isNegative()
				|| maxRetryBackoff.compareTo(retryBackoff) < 0) {
			throw new IllegalArgumentException("retryBackoff (" + retryBackoff
					+ ") must not be negative nor exceed maxRetryBackoff (" + maxRetryBackoff + ")");
		}
		vectorizerNames = (vectorizerNames != null) ? Set.copyOf(vectorizerNames) : Set.of();
	}

	/**
	 * The defaults: 1 thread, 500 ms polling, 30 s heartbeat, progress every 10 s, batch size from each
	 * vectorizer, all vectorizers, retries from each vectorizer with backoff from 10 s doubling up to
	 * 10 min, 30 s shutdown.
	 */
	public static WorkerSettings defaults() {
		return new WorkerSettings(1, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), null,
				Set.of(), null, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(30));
	}

	/** A copy with another thread count. */
	public WorkerSettings withThreads(int threads) {
		return new WorkerSettings(threads, this.pollInterval, this.heartbeatInterval, this.progressLogInterval,
				this.batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with another poll interval. */
	public WorkerSettings withPollInterval(Duration pollInterval) {
		return new WorkerSettings(this.threads, pollInterval, this.heartbeatInterval, this.progressLogInterval,
				this.batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with another heartbeat interval. */
	public WorkerSettings withHeartbeatInterval(Duration heartbeatInterval) {
		return new WorkerSettings(this.threads, this.pollInterval, heartbeatInterval, this.progressLogInterval,
				this.batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with another progress log interval. */
	public WorkerSettings withProgressLogInterval(Duration progressLogInterval) {
		return new WorkerSettings(this.threads, this.pollInterval, this.heartbeatInterval, progressLogInterval,
				this.batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with a fixed batch size ({@code null}: each vectorizer's own). */
	public WorkerSettings withBatchSize(Integer batchSize) {
		return new WorkerSettings(this.threads, this.pollInterval, this.heartbeatInterval, this.progressLogInterval,
				batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy that processes only the named vectorizers (none: all). */
	public WorkerSettings withVectorizerNames(Set<String> vectorizerNames) {
		return new WorkerSettings(this.threads, this.pollInterval, this.heartbeatInterval, this.progressLogInterval,
				this.batchSize, vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with another retry cap ({@code null}: each vectorizer's {@code loading.retries}) and backoff. */
	public WorkerSettings withRetries(Integer maxRetries, Duration retryBackoff, Duration maxRetryBackoff) {
		return new WorkerSettings(this.threads, this.pollInterval, this.heartbeatInterval, this.progressLogInterval,
				this.batchSize, this.vectorizerNames, maxRetries, retryBackoff, maxRetryBackoff,
				this.shutdownTimeout);
	}

	/** A copy with another shutdown timeout. */
	public WorkerSettings withShutdownTimeout(Duration shutdownTimeout) {
		return new WorkerSettings(this.threads, this.pollInterval, this.heartbeatInterval, this.progressLogInterval,
				this.batchSize, this.vectorizerNames, this.maxRetries, this.retryBackoff, this.maxRetryBackoff,
				shutdownTimeout);
	}

	/**
	 * The retries a row of this vectorizer gets: its {@code loading.retries} (pgai's default
	 * {@value LoadingConfig#DEFAULT_RETRIES} when the config has none), at most {@link #maxRetries()}.
	 */
	int retriesFor(Vectorizer vectorizer) {
		if (this.maxRetries == null) {
			return vectorizer.retries().orElse(LoadingConfig.DEFAULT_RETRIES);
		}
		return Math.min(vectorizer.retries().orElse(this.maxRetries), this.maxRetries);
	}

	/** The batch size for this vectorizer. */
	int batchSizeFor(Vectorizer vectorizer) {
		return (this.batchSize != null) ? this.batchSize : vectorizer.batchSize();
	}

	/** The delay before retry number {@code retry} (1-based): doubling from {@link #retryBackoff()}, capped. */
	Duration backoffBeforeRetry(int retry) {
		return ExponentialBackoff.delay(this.retryBackoff, this.maxRetryBackoff, retry);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
