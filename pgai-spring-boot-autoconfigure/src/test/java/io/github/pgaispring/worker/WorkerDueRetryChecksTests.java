package io.github.pgaispring.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DueRetryChecks}: a search for due retries that found nothing is not repeated within the interval,
 * per vectorizer, unless a retry was queued meanwhile.
 */
class WorkerDueRetryChecksTests {

	@Test
	void firstSearchIsDueAndAnEmptyOneIsNotRepeatedWithinTheInterval() {
		DueRetryChecks checks = new DueRetryChecks(Duration.ofHours(1));
		assertThat(checks.isDue(1)).isTrue();
		checks.foundNone(1, Duration.ZERO);
		assertThat(checks.isDue(1)).isFalse();
		assertThat(checks.isDue(2)).isTrue();
	}

	@Test
	void queuedRetryMakesTheNextSearchDue() {
		DueRetryChecks checks = new DueRetryChecks(Duration.ofHours(1));
		checks.foundNone(1, Duration.ZERO);
		checks.retryQueued(1);
		assertThat(checks.isDue(1)).isTrue();
	}

	@Test
	void zeroIntervalSearchesBeforeEveryBatch() {
		DueRetryChecks checks = new DueRetryChecks(Duration.ZERO);
		checks.foundNone(1, Duration.ZERO);
		assertThat(checks.isDue(1)).isTrue();
	}

	@Test
	void aSlowSearchWaitsTwentyTimesItsDuration() {
		DueRetryChecks checks = new DueRetryChecks(Duration.ZERO);
		checks.foundNone(1, Duration.ofMinutes(1));
		assertThat(checks.isDue(1)).isFalse();
		checks.foundNone(2, Duration.ofNanos(1));
		await().atMost(Duration.ofSeconds(1)).until(() -> checks.isDue(2));
	}

	@Test
	void intervalIsThePollIntervalOrAShorterRetryBackoff() {
		WorkerSettings settings = WorkerSettings.defaults().withPollInterval(Duration.ofHours(1));
		DueRetryChecks pollBound = DueRetryChecks.of(settings);
		pollBound.foundNone(1, Duration.ZERO);
		assertThat(pollBound.isDue(1)).isFalse();
		DueRetryChecks backoffBound = DueRetryChecks.of(settings.withRetries(6, Duration.ZERO, Duration.ofMinutes(1)));
		backoffBound.foundNone(1, Duration.ZERO);
		assertThat(backoffBound.isDue(1)).isTrue();
	}

}
