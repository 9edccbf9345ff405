package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryPolicy}.
 */
class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));

	@Test
	void fullJitterStaysWithinExponentialCeiling() {
		assertDelaysWithin(1, 100);
		assertDelaysWithin(2, 200);
		assertDelaysWithin(3, 400);
		assertDelaysWithin(4, 800);
		assertDelaysWithin(5, 1000);
		assertDelaysWithin(40, 1000);
	}

	@Test
	void fullJitterSpreadsDelays() {
		Set<Duration> delays = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			delays.add(this.policy.delayBeforeRetry(4, null));
		}
		assertThat(delays).hasSizeGreaterThan(50);
	}

	@Test
	void honoursRetryAfterUpToMaxBackoff() {
		assertThat(this.policy.delayBeforeRetry(1, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
		assertThat(this.policy.delayBeforeRetry(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(1000));
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("maxBackoff");
	}

	private void assertDelaysWithin(int failedAttempts, long maxMillis) {
		for (int i = 0; i < 200; i++) {
			assertThat(this.policy.delayBeforeRetry(failedAttempts, null))
				.isBetween(Duration.ZERO, Duration.ofMillis(maxMillis));
		}
	}

}
