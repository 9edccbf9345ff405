package io.github.pgaispring.sql;

/**
 * Parses documents with PyMuPDF: {@code ai.parsing_pymupdf()}.
 */
public record ParsingPymupdfConfig() implements ParsingConfig {

	@Override
	public String toSql() {
		return "ai.parsing_pymupdf()";
	}

}
