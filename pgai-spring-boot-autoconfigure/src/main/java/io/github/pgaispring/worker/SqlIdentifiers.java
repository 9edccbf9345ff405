package io.github.pgaispring.worker;

/**
 * Quoting of SQL identifiers and literals for statements built from catalog names.
 */
final class SqlIdentifiers {

	private SqlIdentifiers() {
	}

	/** Quotes an identifier so that any name, including mixed case and quotes, is used verbatim. */
	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** A quoted {@code schema.name}. */
	static String qualified(String schema, String name) {
		return quote(schema) + "." + quote(name);
	}

	/** A standard SQL string literal. */
	static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
