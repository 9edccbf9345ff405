package io.github.pgaispring.formatting;

import java.time.Duration;

import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * Converts PgJDBC's own value types into the Java counterparts of what psycopg returns for the same column.
 * Only used when PgJDBC is on the class path.
 */
final class PostgresValues {

	private PostgresValues() {
	}

	/**
	 * Converts a PgJDBC value.
	 * @param value any value
	 * @return the converted value, or {@code value} itself if it is not a PgJDBC type
	 */
	static Object convert(Object value) {
		if (value instanceof PGInterval interval) {
			return duration(interval);
		}
		if (value instanceof PGobject object) {
			String type = object.getType();
			if ("json".equals(type) || "jsonb".equals(type)) {
				return (object.getValue() != null) ? PythonJson.parse(object.getValue()) : null;
			}
			return object.getValue();
		}
		return value;
	}

	/** psycopg's {@code timedelta} for an interval: a year counts 365 days and a month 30 days. */
	private static Duration duration(PGInterval interval) {
		long days = 365L * interval.getYears() + 30L * interval.getMonths() + interval.getDays();
		long micros = Math.round(interval.getSeconds() * 1_000_000) + interval.getMinutes() * 60_000_000L
				+ interval.getHours() * 3_600_000_000L;
		return Duration.ofDays(days).plusNanos(micros * 1000);
	}

}
