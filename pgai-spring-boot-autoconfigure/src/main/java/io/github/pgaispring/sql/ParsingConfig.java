package io.github.pgaispring.sql;

/**
 * How loaded content is turned into text ({@code parsing=>} of {@code ai.create_vectorizer}).
 */
public sealed interface ParsingConfig extends VectorizerConfigPart
		permits ParsingAutoConfig, ParsingNoneConfig, ParsingPymupdfConfig, ParsingDoclingConfig {

	/** Picks a parser by content: {@code ai.parsing_auto()}, the server default. */
	static ParsingAutoConfig auto() {
		return new ParsingAutoConfig();
	}

	/** Uses text content as it is: {@code ai.parsing_none()}. */
	static ParsingNoneConfig none() {
		return new ParsingNoneConfig();
	}

	/** Parses documents with PyMuPDF: {@code ai.parsing_pymupdf()}. */
	static ParsingPymupdfConfig pymupdf() {
		return new ParsingPymupdfConfig();
	}

	/** Parses documents with Docling: {@code ai.parsing_docling()}. */
	static ParsingDoclingConfig docling() {
		return new ParsingDoclingConfig();
	}

}
