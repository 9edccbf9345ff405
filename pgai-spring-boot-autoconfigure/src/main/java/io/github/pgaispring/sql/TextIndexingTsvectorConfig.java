package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * A stored generated column {@code chunk_tsv tsvector} ({@code to_tsvector(language, chunk)}) on the
 * embedding store and a GIN index on it: {@code ai.text_indexing_tsvector(language=>'english')}.
 *
 * @param language the text search configuration, e.g. {@code english} or {@code simple}
 */
public record TextIndexingTsvectorConfig(String language) implements TextIndexingConfig {

	/**
	 * Checks the language.
	 * @param language the text search configuration
	 */
	public TextIndexingTsvectorConfig {
		Assert.hasText(language, "language must name a text search configuration, such as 'english'");
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.text_indexing_tsvector").text("language", this.language).toSql();
	}

}
