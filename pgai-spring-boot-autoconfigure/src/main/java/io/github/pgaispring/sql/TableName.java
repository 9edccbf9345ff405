package io.github.pgaispring.sql;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * An exact, optionally schema-qualified table name, rendered as a {@code regclass} literal.
 *
 * @param schema the exact schema name, or {@code null} to resolve the table through the search path
 * @param table the exact table name
 */
record TableName(String schema, String table) {

	TableName {
		Assert.isTrue(schema == null || !schema.isEmpty(), "schema must not be empty");
		Assert.hasLength(table, "table is required");
	}

	/**
	 * Reads a table name the way PostgreSQL reads {@code regclass} text: parts are separated by a dot,
	 * unquoted parts are folded to lower case, and double-quoted parts are kept exactly ({@code ""} stands
	 * for one double quote).
	 * @param text e.g. {@code blog}, {@code public.blog} or {@code "My Schema"."Blog"}
	 * @return the exact name
	 */
	static TableName parse(String text) {
		Assert.hasText(text, "source table is required");
		List<String> parts = new Parser(text).parts();
		if (parts.size() > 2) {
			throw invalid(text, "it has more than two parts");
		}
		return (parts.size() == 2) ? new TableName(parts.get(0), parts.get(1)) : new TableName(null, parts.get(0));
	}

	/** Renders the name as a {@code regclass} literal, e.g. {@code '"My Schema"."Blog"'::regclass}. */
	String toRegclassSql() {
		String qualified = ((this.schema != null) ? SqlLiterals.identifier(this.schema) + "." : "")
				+ SqlLiterals.identifier(this.table);
		return SqlLiterals.string(qualified) + "::regclass";
	}

	private static IllegalArgumentException invalid(String text, String reason) {
		return new IllegalArgumentException("Invalid source table name '" + text + "': " + reason
				+ ". Write table or schema.table, double-quote parts that contain spaces, dots or upper case"
				+ " (\"My Schema\".\"Blog\"), or pass exact names with source(schema, table)");
	}

	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = text;
		}

		List<String> parts() {
			List<String> parts = new ArrayList<>();
			skipWhitespace();
			while (true) {
				parts.add(atQuote() ? quotedPart() : unquotedPart());
				skipWhitespace();
				if (atEnd()) {
					return parts;
				}
				if (this.text.charAt(this.position) != '.') {
					throw invalid(this.text, "unexpected '" + this.text.charAt(this.position) + "' after a name");
				}
				this.position++;
				skipWhitespace();
			}
		}

		private String quotedPart() {
			StringBuilder part = new StringBuilder();
			this.position++;
			while (true) {
				if (atEnd()) {
					throw invalid(this.text, "a double quote is not closed");
				}
				char c = this.text.charAt(this.position++);
				if (c == '"') {
					if (!atQuote()) {
						break;
					}
					this.position++;
				}
				part.append(c);
			}
			if (part.length() == 0) {
				throw invalid(this.text, "a quoted name is empty");
			}
			return part.toString();
		}

		private String unquotedPart() {
			int start = this.position;
			while (!atEnd() && this.text.charAt(this.position) != '.'
					&& !Character.isWhitespace(this.text.charAt(this.position))) {
				if (atQuote()) {
					throw invalid(this.text, "a double quote appears inside an unquoted name");
				}
				this.position++;
			}
			if (start == this.position) {
				throw invalid(this.text, "a name is empty");
			}
			return foldToLowerCase(this.text.substring(start, this.position));
		}

		private static String foldToLowerCase(String name) {
			StringBuilder folded = new StringBuilder(name.length());
			for (char c : name.toCharArray()) {
				folded.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
			}
			return folded.toString();
		}

		private void skipWhitespace() {
			while (!atEnd() && Character.isWhitespace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

		private boolean atQuote() {
			return !atEnd() && this.text.charAt(this.position) == '"';
		}

		private boolean atEnd() {
			return this.position >= this.text.length();
		}

	}

}
