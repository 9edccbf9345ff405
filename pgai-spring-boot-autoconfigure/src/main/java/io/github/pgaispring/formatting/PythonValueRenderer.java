package io.github.pgaispring.formatting;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import org.springframework.util.ClassUtils;

/**
 * Renders JDBC column values the way Python's {@code str()} and {@code repr()} render the values psycopg
 * returns for the same columns. See {@link PythonTemplateFormatter} for the table.
 */
final class PythonValueRenderer {

	private static final boolean PGJDBC_PRESENT = ClassUtils.isPresent("org.postgresql.util.PGobject",
			PythonValueRenderer.class.getClassLoader());

	private final ZoneId sessionTimeZone;

	PythonValueRenderer(ZoneId sessionTimeZone) {
		this.sessionTimeZone = sessionTimeZone;
	}

	/** Python's {@code str()} of the value psycopg would return. */
	String str(Object value) {
		StringBuilder out = new StringBuilder();
		render(value, false, out);
		return out.toString();
	}

	/** Python's {@code repr()} of the value psycopg would return. */
	String repr(Object value) {
		StringBuilder out = new StringBuilder();
		render(value, true, out);
		return out.toString();
	}

	private void render(Object jdbcValue, boolean repr, StringBuilder out) {
		Object value = toJavaTime(PGJDBC_PRESENT ? PostgresValues.convert(jdbcValue) : jdbcValue);
		if (value == null) {
			out.append("None");
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			if (repr) {
				PythonLiterals.appendStringRepr(value.toString(), out);
			}
			else {
				out.append(value);
			}
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "True" : "False");
		}
		else if (value instanceof Double number) {
			out.append(PythonFloats.repr(number));
		}
		else if (value instanceof Float number) {
			out.append(PythonFloats.repr(PythonFloats.fromReal(number)));
		}
		else if (value instanceof BigDecimal decimal) {
			out.append(repr ? "Decimal('" + decimal + "')" : decimal.toString());
		}
		else if (value instanceof Number number) {
			out.append(number);
		}
		else if (value instanceof UUID uuid) {
			out.append(repr ? "UUID('" + uuid + "')" : uuid.toString());
		}
		else if (value instanceof byte[] bytes) {
			PythonLiterals.appendBytesRepr(bytes, out);
		}
		else if (value instanceof Map<?, ?> map) {
			renderDict(map, out);
		}
		else if (value instanceof Iterable<?> iterable) {
			renderList(iterable.iterator(), out);
		}
		else if (value.getClass().isArray()) {
			renderList(arrayIterator(value), out);
		}
		else if (!renderTemporal(value, repr, out)) {
			out.append(value);
		}
	}

	private Object toJavaTime(Object value) {
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toLocalDateTime();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate();
		}
		if (value instanceof java.sql.Time time) {
			return time.toLocalTime();
		}
		if (value instanceof java.sql.Array array) {
			try {
				return array.getArray();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not read the elements of SQL array " + array, ex);
			}
		}
		return value;
	}

	private boolean renderTemporal(Object value, boolean repr, StringBuilder out) {
		if (value instanceof LocalDate date) {
			out.append(repr ? PythonTemporals.dateRepr(date) : PythonTemporals.date(date));
		}
		else if (value instanceof LocalTime time) {
			out.append(repr ? PythonTemporals.timeRepr(time, null) : PythonTemporals.time(time, null));
		}
		else if (value instanceof OffsetTime time) {
			out.append(repr ? PythonTemporals.timeRepr(time.toLocalTime(), time.getOffset())
					: PythonTemporals.time(time.toLocalTime(), time.getOffset()));
		}
		else if (value instanceof LocalDateTime dateTime) {
			out.append(repr ? PythonTemporals.dateTimeRepr(dateTime, null) : PythonTemporals.dateTime(dateTime, null));
		}
		else if (value instanceof OffsetDateTime dateTime) {
			renderInSessionZone(dateTime.toInstant(), repr, out);
		}
		else if (value instanceof ZonedDateTime dateTime) {
			renderInSessionZone(dateTime.toInstant(), repr, out);
		}
		else if (value instanceof Instant instant) {
			renderInSessionZone(instant, repr, out);
		}
		else if (value instanceof Duration duration) {
			out.append(repr ? PythonTemporals.timedeltaRepr(duration) : PythonTemporals.timedelta(duration));
		}
		else {
			return false;
		}
		return true;
	}

	private void renderInSessionZone(Instant instant, boolean repr, StringBuilder out) {
		ZonedDateTime dateTime = instant.atZone(this.sessionTimeZone);
		if (repr) {
			String key = (this.sessionTimeZone instanceof ZoneOffset offset && offset.getTotalSeconds() == 0) ? "UTC"
					: this.sessionTimeZone.getId();
			out.append(PythonTemporals.dateTimeRepr(dateTime.toLocalDateTime(), "zoneinfo.ZoneInfo(key='" + key + "')"));
		}
		else {
			out.append(PythonTemporals.dateTime(dateTime.toLocalDateTime(), dateTime.getOffset()));
		}
	}

	private void renderDict(Map<?, ?> map, StringBuilder out) {
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!first) {
				out.append(", ");
			}
			first = false;
			render(entry.getKey(), true, out);
			out.append(": ");
			render(entry.getValue(), true, out);
		}
		out.append('}');
	}

	private void renderList(Iterator<?> elements, StringBuilder out) {
		out.append('[');
		while (elements.hasNext()) {
			render(elements.next(), true, out);
			if (elements.hasNext()) {
				out.append(", ");
			}
		}
		out.append(']');
	}

	private static Iterator<Object> arrayIterator(Object array) {
		int length = Array.getLength(array);
		return new Iterator<>() {

			private int index;

			@Override
			public boolean hasNext() {
				return this.index < length;
			}

			@Override
			public Object next() {
				return Array.get(array, this.index++);
			}

		};
	}

}
