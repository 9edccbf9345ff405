package io.github.pgaispring.worker;

import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How the worker reads a primary-key value from JDBC and writes it in PostgreSQL's binary COPY format.
 * Types without a binary encoder ({@link #OTHER}) travel as their text representation, which forces
 * text-format COPY for the batch.
 */
enum PrimaryKeyType {

	/** {@code smallint}. */
	INT2 {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getShort(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			out.writeInt(2);
			out.writeShort((Short) value);
		}
	},

	/** {@code integer}. */
	INT4 {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getInt(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			out.writeInt(4);
			out.writeInt((Integer) value);
		}
	},

	/** {@code bigint}. */
	INT8 {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getLong(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			out.writeInt(8);
			out.writeLong((Long) value);
		}
	},

	/** {@code text}, {@code varchar} and {@code char(n)}: UTF-8 bytes. */
	TEXT {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getString(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			writeText(out, (String) value);
		}
	},

	/** {@code uuid}: 16 bytes. */
	UUID {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getObject(column, java.util.UUID.class);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			java.util.UUID uuid = (java.util.UUID) value;
			out.writeInt(16);
			out.writeLong(uuid.getMostSignificantBits());
			out.writeLong(uuid.getLeastSignificantBits());
		}
	},

	/** {@code date}: days since 2000-01-01. */
	DATE {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getObject(column, LocalDate.class);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			LocalDate date = (LocalDate) value;
			out.writeInt(4);
			if (date.equals(LocalDate.MAX)) {
				out.writeInt(Integer.MAX_VALUE);
			}
			else if (date.equals(LocalDate.MIN)) {
				out.writeInt(Integer.MIN_VALUE);
			}
			else {
				out.writeInt((int) (date.toEpochDay() - POSTGRES_EPOCH_DAY));
			}
		}
	},

	/** {@code timestamp without time zone}: microseconds since 2000-01-01 00:00. */
	TIMESTAMP {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getObject(column, LocalDateTime.class);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			LocalDateTime timestamp = (LocalDateTime) value;
			out.writeInt(8);
			if (timestamp.equals(LocalDateTime.MAX)) {
				out.writeLong(Long.MAX_VALUE);
			}
			else if (timestamp.equals(LocalDateTime.MIN)) {
				out.writeLong(Long.MIN_VALUE);
			}
			else {
				out.writeLong(microsSincePostgresEpoch(timestamp.toInstant(ZoneOffset.UTC)));
			}
		}
	},

	/** {@code timestamp with time zone}: microseconds since 2000-01-01 00:00 UTC. */
	TIMESTAMPTZ {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getObject(column, OffsetDateTime.class);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			OffsetDateTime timestamp = (OffsetDateTime) value;
			out.writeInt(8);
			if (timestamp.equals(OffsetDateTime.MAX)) {
				out.writeLong(Long.MAX_VALUE);
			}
			else if (timestamp.equals(OffsetDateTime.MIN)) {
				out.writeLong(Long.MIN_VALUE);
			}
			else {
				out.writeLong(microsSincePostgresEpoch(timestamp.toInstant()));
			}
		}
	},

	/** {@code numeric}: base-10000 digits with weight, sign and display scale. */
	NUMERIC {
		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getBigDecimal(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) throws IOException {
			writeNumeric(out, (BigDecimal) value);
		}
	},

	/** Any other type: read as its PostgreSQL text output, written with text-format COPY. */
	OTHER {
		@Override
		boolean hasBinaryFormat() {
			return false;
		}

		@Override
		Object read(ResultSet rs, int column) throws SQLException {
			return rs.getString(column);
		}

		@Override
		void writeBinary(DataOutputStream out, Object value) {
			throw new UnsupportedOperationException("No binary COPY encoder; use text-format COPY");
		}
	};

	private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

	private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

	private static final short NUMERIC_NEGATIVE = 0x4000;

	/** Whether values can be written in binary COPY format. */
	boolean hasBinaryFormat() {
		return true;
	}

	/** Reads the value at {@code column}; {@link #OTHER} expects the column to be selected as {@code ::text}. */
	abstract Object read(ResultSet rs, int column) throws SQLException;

	/** Writes one binary COPY field: the 4-byte length, then the value. */
	abstract void writeBinary(DataOutputStream out, Object value) throws IOException;

	/**
	 * The encoder for a type as {@code format_type} prints it, for example {@code integer},
	 * {@code character varying(40)} or {@code timestamp(3) with time zone}.
	 */
	static PrimaryKeyType of(String typeName) {
		String type = typeName.replaceAll("\\(\\d+(,\\d+)?\\)", "").trim();
		return switch (type) {
			case "smallint" -> INT2;
			case "integer" -> INT4;
			case "bigint" -> INT8;
			case "text", "character varying", "character" -> TEXT;
			case "uuid" -> UUID;
			case "date" -> DATE;
			case "timestamp without time zone" -> TIMESTAMP;
			case "timestamp with time zone" -> TIMESTAMPTZ;
			case "numeric" -> NUMERIC;
			default -> OTHER;
		};
	}

	/**
	 * A key value as PostgreSQL's text input of its type reads it: ISO 8601 for dates and times, with years before
	 * 1 AD written PostgreSQL's way ({@code 0044-03-15 BC}), and {@code ±infinity}.
	 */
	static String text(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value.equals(LocalDate.MAX) || value.equals(LocalDateTime.MAX) || value.equals(OffsetDateTime.MAX)) {
			return "infinity";
		}
		if (value.equals(LocalDate.MIN) || value.equals(LocalDateTime.MIN) || value.equals(OffsetDateTime.MIN)) {
			return "-infinity";
		}
		if (value instanceof LocalDate date) {
			return dateText(date, "");
		}
		if (value instanceof LocalDateTime dateTime) {
			return dateText(dateTime.toLocalDate(), " " + dateTime.toLocalTime());
		}
		if (value instanceof OffsetDateTime dateTime) {
			return dateText(dateTime.toLocalDate(), " " + dateTime.toLocalTime() + dateTime.getOffset());
		}
		return value.toString();
	}

	private static String dateText(LocalDate date, String time) {
		int year = date.getYear();
		String day = String.format(Locale.ROOT, "%04d-%02d-%02d", (year > 0) ? year : 1 - year, date.getMonthValue(),
				date.getDayOfMonth());
		return day + time + ((year > 0) ? "" : " BC");
	}

	static void writeText(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static long microsSincePostgresEpoch(Instant instant) {
		return ChronoUnit.MICROS.between(POSTGRES_EPOCH, instant);
	}

	private static void writeNumeric(DataOutputStream out, BigDecimal value) throws IOException {
		int displayScale = Math.max(value.scale(), 0);
		BigDecimal magnitude = value.abs().setScale(displayScale);
		String integerDigits = magnitude.toBigInteger().toString();
		BigDecimal fraction = magnitude.remainder(BigDecimal.ONE).movePointRight(displayScale);
		String fractionDigits = fraction.toBigInteger().toString();
		fractionDigits = "0".repeat(displayScale - fractionDigits.length()) + fractionDigits;
		String integerPadded = "0".repeat((4 - integerDigits.length() % 4) % 4) + integerDigits;
		String fractionPadded = fractionDigits + "0".repeat((4 - fractionDigits.length() % 4) % 4);
		List<Short> digits = new ArrayList<>();
		String all = integerPadded + fractionPadded;
		for (int i = 0; i < all.length(); i += 4) {
			digits.add(Short.parseShort(all.substring(i, i + 4)));
		}
		int weight = integerPadded.length() / 4 - 1;
		while (!digits.isEmpty() && digits.get(0) == 0) {
			digits.remove(0);
			weight--;
		}
		while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
			digits.remove(digits.size() - 1);
		}
		if (digits.isEmpty()) {
			weight = 0;
		}
		out.writeInt(8 + 2 * digits.size());
		out.writeShort(digits.size());
		out.writeShort(weight);
		out.writeShort((value.signum() < 0) ? NUMERIC_NEGATIVE : 0);
		out.writeShort(displayScale);
		for (short digit : digits) {
			out.writeShort(digit);
		}
	}

}
