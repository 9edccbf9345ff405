package io.github.pgaispring.sql;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PostgreSQL's text form of an {@code interval} (as {@code to_json} writes it) into a
 * {@link Duration}. Both the default {@code postgres} style ({@code 1 day 02:00:00}) and the
 * {@code iso_8601} style ({@code P1DT2H}) are understood. Years and months are converted like
 * PostgreSQL's {@code extract(epoch from ...)}: a year is 365.25 days and a month 30 days.
 */
final class PostgresIntervals {

	private static final Pattern POSTGRES_STYLE = Pattern.compile("(?:([+-]?\\d+) years?)?\\s*"
			+ "(?:([+-]?\\d+) mons?)?\\s*(?:([+-]?\\d+) days?)?\\s*"
			+ "(?:([+-]?)(\\d+):(\\d\\d):(\\d\\d(?:\\.\\d{1,9})?))?");

	private static final Pattern ISO_STYLE = Pattern.compile("(-?)P(?:([+-]?\\d+)Y)?(?:([+-]?\\d+)M)?(.*)");

	private static final long SECONDS_PER_DAY = 86_400;

	private static final long SECONDS_PER_MONTH = 30 * SECONDS_PER_DAY;

	private static final long SECONDS_PER_YEAR = 31_557_600;

	private PostgresIntervals() {
	}

	/**
	 * Parses an interval.
	 * @param text e.g. {@code 01:00:00}, {@code 2 days 03:04:05.5}, {@code -1 days +02:00:00} or {@code PT5M}
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not an interval in a supported style
	 */
	static Duration parse(String text) {
		String trimmed = text.trim();
		Matcher iso = ISO_STYLE.matcher(trimmed);
		if (iso.matches()) {
			return isoStyle(text, iso);
		}
		Matcher matcher = POSTGRES_STYLE.matcher(trimmed);
		if (trimmed.isEmpty() || !matcher.matches()) {
			throw unsupported(text);
		}
		Duration duration = Duration.ofSeconds(count(matcher.group(1)) * SECONDS_PER_YEAR
				+ count(matcher.group(2)) * SECONDS_PER_MONTH + count(matcher.group(3)) * SECONDS_PER_DAY);
		if (matcher.group(5) != null) {
			Duration time = Duration.ofHours(Long.parseLong(matcher.group(5)))
				.plusMinutes(Long.parseLong(matcher.group(6)))
				.plusNanos(new BigDecimal(matcher.group(7)).movePointRight(9).longValueExact());
			duration = "-".equals(matcher.group(4)) ? duration.minus(time) : duration.plus(time);
		}
		return duration;
	}

	private static Duration isoStyle(String text, Matcher matcher) {
		Duration duration = Duration.ofSeconds(count(matcher.group(2)) * SECONDS_PER_YEAR
				+ count(matcher.group(3)) * SECONDS_PER_MONTH);
		String dayTime = matcher.group(4);
		if (!dayTime.isEmpty()) {
			try {
				duration = duration.plus(Duration.parse("P" + dayTime));
			}
			catch (DateTimeParseException ex) {
				throw unsupported(text);
			}
		}
		else if (matcher.group(2) == null && matcher.group(3) == null) {
			throw unsupported(text);
		}
		return matcher.group(1).isEmpty() ? duration : duration.negated();
	}

	private static long count(String group) {
		return (group != null) ? Long.parseLong(group) : 0;
	}

	private static IllegalArgumentException unsupported(String text) {
		return new IllegalArgumentException("Cannot read interval '" + text
				+ "': expected PostgreSQL's postgres style (e.g. '1 day 02:00:00') or iso_8601 style (e.g. 'P1DT2H')");
	}

}
