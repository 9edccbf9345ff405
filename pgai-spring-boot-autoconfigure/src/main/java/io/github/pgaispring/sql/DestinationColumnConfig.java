package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Stores one embedding per row in a column of the source table: {@code ai.destination_column}.
 *
 * @param embeddingColumn the {@code vector} column, added to the source table if missing
 */
public record DestinationColumnConfig(String embeddingColumn) implements DestinationConfig {

	public DestinationColumnConfig {
		Assert.hasText(embeddingColumn, "embeddingColumn is required: name the source column for the embedding");
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.destination_column").text("embedding_column", this.embeddingColumn).toSql();
	}

}
