package io.github.pgaispring.formatting;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * pgai's {@code ai.formatting_python_template(template)}: Python's
 * {@code string.Template(template).substitute(chunk=chunk, **row)}.
 * <p>
 * Template syntax, as Python's {@code string.Template}: {@code $$} is a literal {@code $}; {@code $name}
 * and {@code ${name}} are placeholders, where {@code name} matches {@code [_a-zA-Z][_a-zA-Z0-9]*} (ASCII
 * only, the longest match); any other {@code $} makes the template invalid. {@code $chunk} is the chunk; any
 * other name is the source column of that exact (case-sensitive) name. The template is parsed, and invalid
 * placeholders rejected, when the formatter is created.
 * <p>
 * Column values are rendered like Python's {@code str()} of the value psycopg returns for the column; values
 * inside lists and dicts like its {@code repr()}:
 * <table>
 * <caption>Rendering of JDBC values</caption>
 * <tr><th>Java value (column type)</th><th>Python value</th><th>Rendered as</th></tr>
 * <tr><td>{@code null}</td><td>{@code None}</td><td>{@code None}</td></tr>
 * <tr><td>{@code String}, {@code Character} (text types, enums)</td><td>{@code str}</td><td>as is; in a
 * container {@code 'it''s'} quoted and escaped like {@code repr}</td></tr>
 * <tr><td>{@code Boolean}</td><td>{@code bool}</td><td>{@code True}, {@code False}</td></tr>
 * <tr><td>{@code Integer}, {@code Long}, {@code Short}, {@code BigInteger}</td><td>{@code int}</td><td>{@code 42}</td></tr>
 * <tr><td>{@code BigDecimal} ({@code numeric})</td><td>{@code Decimal}</td><td>{@code 1.50},
 * {@code 1E-7}; in a container {@code Decimal('1.50')}</td></tr>
 * <tr><td>{@code Double} ({@code float8})</td><td>{@code float}</td><td>shortest repr: {@code 1.0},
 * {@code 0.1}, {@code 1e-05}, {@code 1e+16}, {@code inf}, {@code nan}</td></tr>
 * <tr><td>{@code Float} ({@code float4})</td><td>{@code float} of the shortest float text</td><td>{@code 1.1}</td></tr>
 * <tr><td>{@code LocalDate}, {@code java.sql.Date}</td><td>{@code date}</td><td>{@code 2024-01-02}</td></tr>
 * <tr><td>{@code LocalTime}, {@code java.sql.Time}</td><td>{@code time}</td><td>{@code 03:04:05},
 * {@code 03:04:05.250000}</td></tr>
 * <tr><td>{@code OffsetTime} ({@code timetz})</td><td>{@code time} with offset</td><td>{@code 03:04:05+02:00}</td></tr>
 * <tr><td>{@code LocalDateTime}, {@code java.sql.Timestamp} ({@code timestamp})</td><td>naive
 * {@code datetime}</td><td>{@code 2024-01-02 03:04:05}, {@code 2024-01-02 03:04:05.000001}</td></tr>
 * <tr><td>{@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant} ({@code timestamptz})</td><td>aware
 * {@code datetime} in the session time zone</td><td>{@code 2024-01-02 03:04:05+00:00} (converted to the
 * session time zone given to the constructor)</td></tr>
 * <tr><td>{@code Duration}, PgJDBC {@code PGInterval} ({@code interval}; a year is 365 days, a month 30)</td>
 * <td>{@code timedelta}</td><td>{@code 1 day, 2:03:04}, {@code -1 day, 23:59:59.500000}</td></tr>
 * <tr><td>{@code UUID}</td><td>{@code UUID}</td><td>lowercase {@code 0b7e...}; in a container
 * {@code UUID('0b7e...')}</td></tr>
 * <tr><td>{@code byte[]} ({@code bytea})</td><td>{@code bytes}</td><td>{@code b'ab\x00'}</td></tr>
 * <tr><td>{@code java.sql.Array}, arrays, {@code Iterable}</td><td>{@code list}</td><td>{@code ['a', 'b']},
 * {@code [1, None]}</td></tr>
 * <tr><td>{@code Map}, PgJDBC {@code PGobject} of type {@code json}/{@code jsonb}</td><td>{@code dict},
 * {@code list}, ... ({@code json.loads})</td><td>{@code {'a': 1, 'b': [True, None]}}</td></tr>
 * <tr><td>other {@code PGobject}</td><td>{@code str}</td><td>its text value</td></tr>
 * <tr><td>anything else</td><td>-</td><td>{@code toString()}</td></tr>
 * </table>
 * <p>
 * A {@code Double} NaN renders as {@code nan} ({@code float8}); a {@code numeric} NaN, which PgJDBC also
 * returns as a {@code Double}, would be {@code NaN} in pgai.
 */
public final class PythonTemplateFormatter implements ChunkFormatter {

	/** The default template of {@code ai.formatting_python_template}. */
	public static final String DEFAULT_TEMPLATE = "$chunk";

	/** The placeholder that stands for the chunk. */
	public static final String CHUNK = "chunk";

	/**
	 * The key pgai's worker adds to every row from the queue ({@code loading_retries}): templates may use it, but it is
	 * no column of the table, so error messages do not list it among the columns.
	 */
	public static final String QUEUE_RETRIES = "loading_retries";

	private final String template;

	private final List<Segment> segments;

	private final List<String> placeholders;

	private final PythonValueRenderer renderer;

	/**
	 * Creates a formatter that renders {@code timestamptz} values in UTC.
	 * @param template the Python template
	 * @throws IllegalArgumentException if the template has an invalid placeholder
	 */
	public PythonTemplateFormatter(String template) {
		this(template, ZoneOffset.UTC);
	}

	/**
	 * Creates a formatter.
	 * @param template the Python template
	 * @param sessionTimeZone the time zone psycopg would see as the session's {@code TimeZone}, used to render
	 * {@code OffsetDateTime}, {@code ZonedDateTime} and {@code Instant} values
	 * @throws IllegalArgumentException if the template has an invalid placeholder
	 */
	public PythonTemplateFormatter(String template, ZoneId sessionTimeZone) {
		this.template = template;
		this.segments = parse(template);
		Set<String> names = new LinkedHashSet<>();
		for (Segment segment : this.segments) {
			if (segment.placeholder() != null) {
				names.add(segment.placeholder());
			}
		}
		this.placeholders = List.copyOf(names);
		this.renderer = new PythonValueRenderer(sessionTimeZone);
	}

	/**
	 * The placeholder names of the template, each once, in order of first appearance (Python's
	 * {@code Template.get_identifiers()}), including {@value #CHUNK}.
	 * @return the names
	 */
	public List<String> placeholders() {
		return this.placeholders;
	}

	/**
	 * Checks that every placeholder other than {@value #CHUNK} names a column, and that no column is named
	 * {@value #CHUNK} (pgai passes the chunk under that name, so Python fails on such rows).
	 * @param columns the source table's column names
	 */
	@Override
	public void validateColumns(Collection<String> columns) {
		if (columns.contains(CHUNK)) {
			throw chunkColumnClash();
		}
		for (String placeholder : this.placeholders) {
			if (!CHUNK.equals(placeholder) && !columns.contains(placeholder)) {
				throw new IllegalArgumentException("Formatting template '" + this.template + "' uses $" + placeholder
						+ ", but the source has no column named '" + placeholder + "' (columns: "
						+ String.join(", ", new TreeSet<>(columns)) + "); fix the template or add the column");
			}
		}
	}

	@Override
	public String format(String chunk, Map<String, ?> row) {
		if (row.containsKey(CHUNK)) {
			throw chunkColumnClash();
		}
		StringBuilder formatted = new StringBuilder(this.template.length() + chunk.length());
		for (Segment segment : this.segments) {
			String name = segment.placeholder();
			if (name == null) {
				formatted.append(segment.literal());
			}
			else if (CHUNK.equals(name)) {
				formatted.append(chunk);
			}
			else if (row.containsKey(name)) {
				formatted.append(this.renderer.str(row.get(name)));
			}
			else {
				Set<String> columns = new TreeSet<>(row.keySet());
				columns.remove(QUEUE_RETRIES);
				throw new IllegalArgumentException("KeyError: '" + name + "': formatting template '" + this.template
						+ "' uses $" + name + ", but the row has no column of that name (columns: "
						+ String.join(", ", columns) + "); fix the template or add the column");
			}
		}
		return formatted.toString();
	}

	@Override
	public String toString() {
		return "PythonTemplateFormatter[" + this.template + "]";
	}

	private IllegalArgumentException chunkColumnClash() {
		return new IllegalArgumentException("The source has a column named '" + CHUNK
				+ "', which clashes with the chunk that the formatting template '" + this.template
				+ "' receives under that name (Python's substitute() fails with a TypeError); rename the column");
	}

	/** Splits a template into literal text and placeholders, as {@code string.Template}'s pattern does. */
	private static List<Segment> parse(String template) {
		List<Segment> segments = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int index = 0;
		while (index < template.length()) {
			char c = template.charAt(index++);
			if (c != '$') {
				literal.append(c);
				continue;
			}
			String name = null;
			if (index < template.length() && template.charAt(index) == '$') {
				literal.append('$');
				index++;
				continue;
			}
			int end = identifierEnd(template, index);
			if (end > index) {
				name = template.substring(index, end);
				index = end;
			}
			else if (index < template.length() && template.charAt(index) == '{') {
				end = identifierEnd(template, index + 1);
				if (end > index + 1 && end < template.length() && template.charAt(end) == '}') {
					name = template.substring(index + 1, end);
					index = end + 1;
				}
			}
			if (name == null) {
				throw invalidPlaceholder(template, index);
			}
			if (literal.length() > 0) {
				segments.add(new Segment(literal.toString(), null));
				literal.setLength(0);
			}
			segments.add(new Segment(null, name));
		}
		if (literal.length() > 0) {
			segments.add(new Segment(literal.toString(), null));
		}
		return List.copyOf(segments);
	}

	private static int identifierEnd(String template, int start) {
		if (start >= template.length() || !isIdentifierChar(template.charAt(start), true)) {
			return start;
		}
		int end = start + 1;
		while (end < template.length() && isIdentifierChar(template.charAt(end), false)) {
			end++;
		}
		return end;
	}

	private static boolean isIdentifierChar(char c, boolean first) {
		return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
	}

	/**
	 * Python's {@code ValueError} for an invalid placeholder: the line (as {@code str.splitlines} counts
	 * them) and column of the {@code $}, counting code points.
	 */
	private static IllegalArgumentException invalidPlaceholder(String template, int afterDollar) {
		int line = 1;
		int lineStart = 0;
		int codePoints = 0;
		for (int i = 0; i < afterDollar; i = template.offsetByCodePoints(i, 1)) {
			int c = template.codePointAt(i);
			codePoints++;
			boolean crlf = c == '\r' && i + 1 < afterDollar && template.charAt(i + 1) == '\n';
			if (isLineBoundary(c) && !crlf) {
				line++;
				lineStart = codePoints;
			}
		}
		return new IllegalArgumentException("Invalid placeholder in string: line " + line + ", col "
				+ (codePoints - lineStart) + " (formatting template '" + template
				+ "'): write $$ for a literal $, and $name or ${name} with a name matching [_a-zA-Z][_a-zA-Z0-9]*");
	}

	private static boolean isLineBoundary(int c) {
		return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) || c == 0x85
				|| c == 0x2028 || c == 0x2029;
	}

	/** Literal text or a placeholder name; exactly one of the two is set. */
	private record Segment(String literal, String placeholder) {
	}

}
