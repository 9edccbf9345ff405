package io.github.pgaispring.sql;

import java.util.regex.Pattern;


/**
 * One primary-key column of a vectorizer's source table, as recorded in {@code ai.vectorizer.source_pk}.
 *
 * @param name the column name ({@code attname})
 * @param typeName the SQL type including its modifier, as {@code format_type} prints it ({@code typname})
 * @param position the 1-based position within the primary key ({@code pknum})
 * @param attributeNumber the column number within the table ({@code attnum})
 */
public record PrimaryKeyColumn(String name, String typeName, int position, int attributeNumber) {

	private static final Pattern TYPE_NAME = Pattern.compile("[\\p{L}\\p{N}_ .\",()\\[\\]]+");

	public PrimaryKeyColumn {
		if (typeName == null || !TYPE_NAME.matcher(typeName).matches()) {
			throw new IllegalArgumentException("Primary key column " + name + " has an unexpected type name '"
					+ typeName + "' in ai.vectorizer.source_pk; expected a format_type() name such as 'integer' or "
					+ "'character varying(40)'");
		}
	}

	/** The column name, quoted for use in SQL. */
	public String quotedName() {
		return SqlLiterals.quoteIdentifier(this.name);
	}

}
