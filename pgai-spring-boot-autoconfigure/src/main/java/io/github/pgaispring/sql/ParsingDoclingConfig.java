package io.github.pgaispring.sql;

/**
 * Parses documents with Docling: {@code ai.parsing_docling()}.
 */
public record ParsingDoclingConfig() implements ParsingConfig {

	@Override
	public String toSql() {
		return "ai.parsing_docling()";
	}

}
