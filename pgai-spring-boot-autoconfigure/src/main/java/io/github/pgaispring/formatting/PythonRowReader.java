package io.github.pgaispring.formatting;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a source row from JDBC into the map a {@link ChunkFormatter} receives, choosing per PostgreSQL column
 * type the Java value that {@link PythonTemplateFormatter} renders like psycopg's value: {@code timestamptz}
 * as {@link OffsetDateTime} (plain {@code getObject} would return a {@code java.sql.Timestamp}, which is
 * indistinguishable from a {@code timestamp}), {@code timestamp} as {@link LocalDateTime}, {@code date},
 * {@code time} and {@code timetz} as {@link LocalDate}, {@link LocalTime} and {@link OffsetTime}, a
 * {@code numeric} NaN or infinity as its text ({@code NaN}, {@code Infinity}, as Python prints the
 * {@code Decimal}); every other column with {@code getObject}.
 */
public final class PythonRowReader {

	private PythonRowReader() {
	}

	/**
	 * Reads the current row.
	 * @param resultSet a result set positioned on a row
	 * @return the values by column label, in column order
	 * @throws SQLException if reading fails
	 */
	public static Map<String, Object> read(ResultSet resultSet) throws SQLException {
		return read(resultSet, 1);
	}

	/**
	 * Reads the current row from the given column on, for queries that select other values before the row.
	 * @param resultSet a result set positioned on a row
	 * @param firstColumn the 1-based index of the row's first column
	 * @return the values by column label, in column order
	 * @throws SQLException if reading fails
	 */
	public static Map<String, Object> read(ResultSet resultSet, int firstColumn) throws SQLException {
		ResultSetMetaData metaData = resultSet.getMetaData();
		Map<String, Object> row = new LinkedHashMap<>();
		for (int column = firstColumn; column <= metaData.getColumnCount(); column++) {
			row.put(metaData.getColumnLabel(column), read(resultSet, column, metaData.getColumnTypeName(column)));
		}
		return row;
	}

	private static Object read(ResultSet resultSet, int column, String typeName) throws SQLException {
		switch (typeName) {
			case "timestamptz":
				return resultSet.getObject(column, OffsetDateTime.class);
			case "timestamp":
				return resultSet.getObject(column, LocalDateTime.class);
			case "date":
				return resultSet.getObject(column, LocalDate.class);
			case "time":
				return resultSet.getObject(column, LocalTime.class);
			case "timetz":
				return resultSet.getObject(column, OffsetTime.class);
			case "numeric": {
				Object value = resultSet.getObject(column);
				return (value instanceof Double number) ? decimalText(number) : value;
			}
			default:
				return resultSet.getObject(column);
		}
	}

	private static String decimalText(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		return (value > 0) ? "Infinity" : "-Infinity";
	}

}
