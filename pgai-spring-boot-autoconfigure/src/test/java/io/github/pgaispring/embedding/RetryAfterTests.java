package io.github.pgaispring.embedding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void parsesSeconds() {
		assertThat(RetryAfter.parse("1", this.clock)).isEqualTo(Duration.ofSeconds(1));
		assertThat(RetryAfter.parse(" 120 ", this.clock)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void parsesHttpDateRelativeToNow() {
		assertThat(RetryAfter.parse("Thu, 15 Jan 2026 10:00:30 GMT", this.clock)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void httpDateInThePastMeansNoDelay() {
		assertThat(RetryAfter.parse("Thu, 15 Jan 2026 09:59:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresMissingOrUnusableValues() {
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
		assertThat(RetryAfter.parse("", this.clock)).isNull();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("-5", this.clock)).isNull();
		assertThat(RetryAfter.parse("99999999999999999999", this.clock)).isNull();
	}

}
