package io.github.pgaispring.sql;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading PostgreSQL interval text like psycopg (a year is 365 days, a month 30); {@link SqlBuilderServerParseTests}
 * compares with the server.
 */
class PostgresIntervalsTests {

	@Test
	void postgresStyle() {
		assertThat(PostgresIntervals.parse("00:05:00")).isEqualTo(Duration.ofMinutes(5));
		assertThat(PostgresIntervals.parse("25:00:00")).isEqualTo(Duration.ofHours(25));
		assertThat(PostgresIntervals.parse("1 day")).isEqualTo(Duration.ofDays(1));
		assertThat(PostgresIntervals.parse("2 days 03:04:05.5"))
			.isEqualTo(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusMillis(5500));
		assertThat(PostgresIntervals.parse("-1 days +02:00:00")).isEqualTo(Duration.ofHours(-22));
		assertThat(PostgresIntervals.parse("-00:00:01.25")).isEqualTo(Duration.ofMillis(-1250));
		assertThat(PostgresIntervals.parse("1 year 2 mons")).isEqualTo(Duration.ofSeconds(31_536_000 + 60 * 86_400));
	}

	@Test
	void isoStyle() {
		assertThat(PostgresIntervals.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
		assertThat(PostgresIntervals.parse("P1DT2H")).isEqualTo(Duration.ofHours(26));
		assertThat(PostgresIntervals.parse("P-1DT2H")).isEqualTo(Duration.ofHours(-22));
		assertThat(PostgresIntervals.parse("P1Y2M3DT4H5M6.789S")).isEqualTo(Duration.ofSeconds(31_536_000 + 60 * 86_400)
			.plusDays(3)
			.plusHours(4)
			.plusMinutes(5)
			.plusMillis(6789));
		assertThat(PostgresIntervals.parse("P-1Y")).isEqualTo(Duration.ofSeconds(-31_536_000));
	}

	@Test
	void otherTextIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresIntervals.parse("5 minutes"))
			.withMessageContaining("Cannot read interval '5 minutes'");
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresIntervals.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresIntervals.parse("P"));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresIntervals.parse("P1X"));
	}

}
