package io.github.pgaispring.formatting;

import io.github.pgaispring.sql.PostgresIntervals;
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
			return PostgresIntervals.toDuration(interval);
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

}
