package io.github.pgaispring.sql;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders Java values as PostgreSQL literals whose meaning does not depend on session settings, and
 * quotes identifiers: the one place the starter turns names and values into SQL text.
 * <p>
 * Strings without backslashes or control characters become standard literals ({@code 'it''s'}); all
 * others become escape string literals ({@code E'a\\b\n'}). Both read the same whether
 * {@code standard_conforming_strings} is on or off.
 */
public final class SqlLiterals {

	private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

	private SqlLiterals() {
	}

	/**
	 * Renders a string literal.
	 * @param value the text, which must not contain the NUL character (PostgreSQL text cannot hold it)
	 * @return the literal
	 */
	public static String string(String value) {
		if (value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(
					"PostgreSQL text cannot contain the NUL character (\\u0000); remove it from \""
							+ value.replace("\0", "\\u0000") + "\"");
		}
		if (!needsEscapeString(value)) {
			return "'" + value.replace("'", "''") + "'";
		}
		StringBuilder literal = new StringBuilder("E'");
		for (int i = 0; i < value.length(); i++) {
			literal.append(escape(value.charAt(i)));
		}
		return literal.append('\'').toString();
	}

	private static boolean needsEscapeString(String value) {
		return value.chars().anyMatch((c) -> c == '\\' || isControl(c));
	}

	private static boolean isControl(int c) {
		return c < 0x20 || c == 0x7f;
	}

	private static String escape(char c) {
		return switch (c) {
			case '\'' -> "''";
			case '\\' -> "\\\\";
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			case '\b' -> "\\b";
			case '\f' -> "\\f";
			default -> isControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c);
		};
	}

	/** Renders a {@code text[]} literal, e.g. {@code ARRAY['a','b']::text[]}. */
	static String textArray(List<String> values) {
		return values.stream().map(SqlLiterals::string).collect(Collectors.joining(",", "ARRAY[", "]::text[]"));
	}

	/** Renders a JSON object as a {@code jsonb} literal, e.g. {@code '{"k":1}'::jsonb}. */
	static String jsonb(Map<String, ?> value) {
		return string(JsonMapper.shared().writeValueAsString(value)) + "::jsonb";
	}

	/**
	 * Renders an interval as a number of seconds, e.g. {@code interval '90000 seconds'}; days and
	 * fractions of a second are kept.
	 */
	static String interval(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros();
		return "interval '" + seconds.toPlainString() + " seconds'";
	}

	/** Renders an ISO-8601 {@code timestamptz} literal, e.g. {@code '2025-01-02T03:04:05Z'::timestamptz}. */
	static String timestamptz(OffsetDateTime timestamp) {
		return string(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(timestamp)) + "::timestamptz";
	}

	/** Renders a finite number in plain decimal notation. */
	static String number(double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("Expected a finite number but got " + value);
		}
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/**
	 * Quotes an identifier with double quotes unless it is a plain lower-case name that PostgreSQL reads
	 * unchanged. Key words stay unquoted, so use this only where the text is read as a name, such as a
	 * {@code regclass} literal; statements use {@link #quoteIdentifier(String)}.
	 */
	static String identifier(String name) {
		return SIMPLE_IDENTIFIER.matcher(name).matches() ? name : quoteIdentifier(name);
	}

	/**
	 * Quotes an identifier so that any name, including mixed case, key words and double quotes, is used
	 * verbatim.
	 * @param name the name
	 * @return the name in double quotes, inner double quotes doubled
	 */
	public static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Quotes a schema-qualified name with {@link #quoteIdentifier(String)}: {@code "schema"."name"}.
	 * @param schema the schema
	 * @param name the name within the schema
	 * @return the quoted, qualified name
	 */
	public static String qualifiedName(String schema, String name) {
		return quoteIdentifier(schema) + "." + quoteIdentifier(name);
	}

}
