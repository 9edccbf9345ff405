package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How an HTTP embedding provider retries transient failures (HTTP 408, 429 and 5xx, connection failures and
 * timeouts) within one call. The delay before retry {@code n} is drawn uniformly from
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]} ("full jitter"), unless the provider sent a
 * {@code Retry-After} header, which is honoured up to {@code maxBackoff}.
 *
 * @param maxAttempts how many requests to send at most, including the first (1 disables retries)
 * @param initialBackoff the upper bound of the delay before the first retry
 * @param maxBackoff the upper bound of any delay, including one asked for by {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	/**
	 * Validates the policy.
	 */
	public RetryPolicy {
		Assert.isTrue(maxAttempts >= 1, () -> "maxAttempts must be at least 1 but was " + maxAttempts);
		Assert.notNull(initialBackoff, "initialBackoff must not be null");
		Assert.notNull(maxBackoff, "maxBackoff must not be null");
		Assert.isTrue(!initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0,
				() -> "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
	}

	/**
	 * Returns the default policy: 4 attempts (like the OpenAI Python SDK's 3 retries that pgai uses), backoff
	 * starting at 500 ms and capped at 30 s.
	 * @return the default policy
	 */
	public static RetryPolicy defaults() {
		return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30));
	}

	/**
	 * Returns how long to wait before the next attempt.
	 * @param failedAttempts how many attempts have failed so far (at least 1)
	 * @param retryAfter the delay the provider asked for, if any
	 * @return the delay, never longer than {@link #maxBackoff()}
	 */
	Duration delayBeforeRetry(int failedAttempts, @Nullable Duration retryAfter) {
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.maxBackoff) <= 0) ? retryAfter : this.maxBackoff;
		}
		long ceilingMillis = ExponentialBackoff.delay(this.initialBackoff, this.maxBackoff, failedAttempts).toMillis();
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceilingMillis + 1));
	}

}
