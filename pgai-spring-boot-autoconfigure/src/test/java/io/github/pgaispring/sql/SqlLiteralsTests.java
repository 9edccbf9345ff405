package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The literal forms, without a database; {@link SqlBuilderServerParseTests} checks what PostgreSQL reads.
 */
class SqlLiteralsTests {

	@Test
	void plainStringsUseStandardLiteralsWithDoubledQuotes() {
		assertThat(SqlLiterals.string("it's")).isEqualTo("'it''s'");
		assertThat(SqlLiterals.string("'); drop table x; --")).isEqualTo("'''); drop table x; --'");
		assertThat(SqlLiterals.string("Grüße 🐘")).isEqualTo("'Grüße 🐘'");
		assertThat(SqlLiterals.string("")).isEqualTo("''");
	}

	@Test
	void backslashesAndControlCharactersUseEscapeLiterals() {
		assertThat(SqlLiterals.string("a\\b")).isEqualTo("E'a\\\\b'");
		assertThat(SqlLiterals.string("l1\nl2\r\t'x'")).isEqualTo("E'l1\\nl2\\r\\t''x'''");
		assertThat(SqlLiterals.string("\b\f\u0001\u007f")).isEqualTo("E'\\b\\f\\x01\\x7f'");
	}

	@Test
	void nulIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlLiterals.string("a\0b"))
			.withMessageContaining("NUL character");
	}

	@Test
	void intervalsCountSecondsIncludingDays() {
		assertThat(SqlLiterals.interval(Duration.ofDays(1))).isEqualTo("interval '86400 seconds'");
		assertThat(SqlLiterals.interval(Duration.ofMinutes(5))).isEqualTo("interval '300 seconds'");
		assertThat(SqlLiterals.interval(Duration.ofNanos(1_500))).isEqualTo("interval '0.0000015 seconds'");
		assertThat(SqlLiterals.interval(Duration.ofSeconds(-90))).isEqualTo("interval '-90 seconds'");
	}

	@Test
	void timestampsAreIsoWithOffset() {
		assertThat(SqlLiterals.timestamptz(OffsetDateTime.parse("2025-06-30T23:59:59.123456Z")))
			.isEqualTo("'2025-06-30T23:59:59.123456Z'::timestamptz");
		assertThat(SqlLiterals.timestamptz(OffsetDateTime.parse("2025-06-30T00:00-05:30")))
			.isEqualTo("'2025-06-30T00:00:00-05:30'::timestamptz");
	}

	@Test
	void numbersArePlainDecimals() {
		assertThat(SqlLiterals.number(1e20)).isEqualTo("100000000000000000000");
		assertThat(SqlLiterals.number(0.000001)).isEqualTo("0.000001");
		assertThat(SqlLiterals.number(-2.0)).isEqualTo("-2");
	}

	@Test
	void identifiersAreQuotedOnlyWhenNeeded() {
		assertThat(SqlLiterals.identifier("blog_2")).isEqualTo("blog_2");
		assertThat(SqlLiterals.identifier("Blog")).isEqualTo("\"Blog\"");
		assertThat(SqlLiterals.identifier("2blog")).isEqualTo("\"2blog\"");
		assertThat(SqlLiterals.identifier("a \"b\"")).isEqualTo("\"a \"\"b\"\"\"");
	}

}
