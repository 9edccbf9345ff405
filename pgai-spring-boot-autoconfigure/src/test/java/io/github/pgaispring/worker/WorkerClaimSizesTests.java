package io.github.pgaispring.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClaimSizes}: how many entries a transaction claims as a backlog comes and goes.
 */
class WorkerClaimSizesTests {

	private static final Duration QUICK = Duration.ofMillis(10);

	private final ClaimSizes sizes = new ClaimSizes();

	@Test
	void fullQuickClaimsDoubleUpToTenBatches() {
		assertThat(this.sizes.limit(1, 50)).isEqualTo(50);
		int limit = 50;
		for (int i = 0; i < 10; i++) {
			this.sizes.completed(1, 50, limit, limit, QUICK);
			limit = this.sizes.limit(1, 50);
		}
		assertThat(limit).isEqualTo(50 * ClaimSizes.MAX_CALLS).isEqualTo(500);
		assertThat(this.sizes.limit(2, 50)).as("per vectorizer").isEqualTo(50);
	}

	@Test
	void aClaimThatIsNotFullReturnsToOneBatch() {
		this.sizes.completed(1, 50, 50, 50, QUICK);
		this.sizes.completed(1, 50, 100, 100, QUICK);
		assertThat(this.sizes.limit(1, 50)).isEqualTo(200);

		this.sizes.completed(1, 50, 200, 120, QUICK);

		assertThat(this.sizes.limit(1, 50)).isEqualTo(50);
	}

	@Test
	void slowTransactionsClaimLessAndMidSpeedOnesKeepTheirSize() {
		this.sizes.completed(1, 50, 50, 50, QUICK);
		this.sizes.completed(1, 50, 100, 100, QUICK);
		this.sizes.completed(1, 50, 200, 200, Duration.ofMillis(500));
		assertThat(this.sizes.limit(1, 50)).isEqualTo(200);

		this.sizes.completed(1, 50, 200, 200, Duration.ofSeconds(3));

		assertThat(this.sizes.limit(1, 50)).isEqualTo(100);
	}

	@Test
	void largeBatchSizesAreNotGrouped() {
		this.sizes.completed(1, 500, 500, 500, QUICK);
		assertThat(this.sizes.limit(1, 500)).isEqualTo(500);
		this.sizes.completed(1, 2048, 2048, 2048, QUICK);
		assertThat(this.sizes.limit(1, 2048)).isEqualTo(2048);
	}

}
