package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Loads the content to embed from a column of the source table: {@code ai.loading_column}.
 *
 * @param columnName the source column (text, varchar, char or bytea)
 * @param retries how often a failed load is retried, or {@code null} for the server default (6)
 */
public record LoadingColumnConfig(String columnName, Integer retries) implements LoadingConfig {

	public LoadingColumnConfig {
		Assert.hasText(columnName, "columnName is required: name the source column that holds the content");
	}

	/** Returns a copy with the given number of retries. */
	public LoadingColumnConfig withRetries(Integer retries) {
		return new LoadingColumnConfig(this.columnName, retries);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.loading_column")
			.text("column_name", this.columnName)
			.integer("retries", this.retries)
			.toSql();
	}

}
