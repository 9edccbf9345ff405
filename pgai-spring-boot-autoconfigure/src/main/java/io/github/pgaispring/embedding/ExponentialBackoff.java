package io.github.pgaispring.embedding;

import java.time.Duration;

/**
 * The one exponential backoff of the starter: {@code initial} before the first retry, doubling with each
 * further one, never more than {@code max}. HTTP providers draw their delay below it ({@link RetryPolicy});
 * the worker waits it before a failed row's next attempt.
 */
public final class ExponentialBackoff {

	private ExponentialBackoff() {
	}

	/**
	 * The delay before retry number {@code retry}.
	 * @param initial the delay before the first retry
	 * @param max the longest delay
	 * @param retry the retry, 1 for the first
	 * @return {@code min(max, initial * 2^(retry - 1))}
	 */
	public static Duration delay(Duration initial, Duration max, int retry) {
		Duration delay = initial;
		for (int i = 1; i < retry && delay.compareTo(max) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(max) > 0) ? max : delay;
	}

}
