package io.github.pgaispring.sql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

import org.postgresql.util.PGInterval;

/**
 * Converts PostgreSQL {@code interval} values into {@link Duration}s the way pgai's Python side does (psycopg
 * loads an interval as a {@code timedelta}): a year counts 365 days and a month 30 days. PgJDBC's
 * {@link PGInterval} splits the text into its fields; only the summing up is done here.
 * <p>
 * Stored configurations hold intervals as {@code to_json} writes them, in the {@code postgres}
 * ({@code 1 day 02:00:00}) or {@code iso_8601} ({@code P1DT2H}) interval style. {@link #parse(String)}
 * accepts only those two forms, because {@link PGInterval} reads text it does not understand (such as
 * {@code P1X}) as a zero interval.
 */
public final class PostgresIntervals {

	private static final Pattern POSTGRES_STYLE = Pattern.compile("(?:[+-]?\\d+ years?)?\\s*(?:[+-]?\\d+ mons?)?\\s*"
			+ "(?:[+-]?\\d+ days?)?\\s*(?:[+-]?\\d+:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)?");

	private static final Pattern ISO_STYLE = Pattern.compile("P(?=\\d|-|T\\d|T-)(?:-?\\d+Y)?(?:-?\\d+M)?(?:-?\\d+D)?"
			+ "(?:T(?=\\d|-)(?:-?\\d+H)?(?:-?\\d+M)?(?:-?\\d+(?:\\.\\d{1,9})?S)?)?");

	private static final long DAYS_PER_YEAR = 365;

	private static final long DAYS_PER_MONTH = 30;

	private PostgresIntervals() {
	}

	/**
	 * Parses an interval as {@code to_json} writes it.
	 * @param text e.g. {@code 01:00:00}, {@code 2 days 03:04:05.5}, {@code -1 days +02:00:00} or {@code PT5M}
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not an interval in the {@code postgres} or
	 * {@code iso_8601} style
	 */
	static Duration parse(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty()
				|| !(POSTGRES_STYLE.matcher(trimmed).matches() || ISO_STYLE.matcher(trimmed).matches())) {
			throw unsupported(text, null);
		}
		try {
			return toDuration(new PGInterval(trimmed));
		}
		catch (SQLException ex) {
			throw unsupported(text, ex);
		}
	}

	/**
	 * Converts an interval like psycopg's {@code timedelta}: {@code 365 * years + 30 * months + days} days
	 * plus the time, to the microsecond.
	 * @param interval the interval
	 * @return the duration
	 */
	public static Duration toDuration(PGInterval interval) {
		long days = DAYS_PER_YEAR * interval.getYears() + DAYS_PER_MONTH * interval.getMonths() + interval.getDays();
		long seconds = 3600L * interval.getHours() + 60L * interval.getMinutes() + interval.getWholeSeconds();
		return Duration.ofDays(days).plusSeconds(seconds).plusNanos(1000L * interval.getMicroSeconds());
	}

	private static IllegalArgumentException unsupported(String text, Throwable cause) {
		return new IllegalArgumentException("Cannot read interval '" + text
				+ "': expected PostgreSQL's postgres style (e.g. '1 day 02:00:00') or iso_8601 style (e.g. 'P1DT2H')",
				cause);
	}

}
