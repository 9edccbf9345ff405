package io.github.pgaispring.sql;

import tools.jackson.databind.JsonNode;

/**
 * The full-text index of a vectorizer's chunks, which hybrid searches rank with
 * ({@code config -> 'text_indexing'} in {@code ai.vectorizer}, set with {@link SetTextIndexing}). It is not an
 * argument of {@code ai.create_vectorizer}, whose signature stays pgai's; pgai's own worker ignores the key.
 */
public sealed interface TextIndexingConfig permits TextIndexingNoneConfig, TextIndexingTsvectorConfig {

	/** The language PostgreSQL's full-text search uses when none is given. */
	String DEFAULT_LANGUAGE = "english";

	/** No text index: {@code ai.text_indexing_none()}. */
	static TextIndexingNoneConfig none() {
		return new TextIndexingNoneConfig();
	}

	/**
	 * A generated {@code tsvector} column over the chunks and a GIN index on it, in PostgreSQL's
	 * {@code english} configuration: {@code ai.text_indexing_tsvector()}.
	 */
	static TextIndexingTsvectorConfig tsvector() {
		return new TextIndexingTsvectorConfig(DEFAULT_LANGUAGE);
	}

	/**
	 * A generated {@code tsvector} column and GIN index in the given text search configuration:
	 * {@code ai.text_indexing_tsvector(language=>'german')}.
	 * @param language a text search configuration ({@code \dF} lists them: {@code simple}, {@code english},
	 * {@code german}, …)
	 * @return the config
	 */
	static TextIndexingTsvectorConfig tsvector(String language) {
		return new TextIndexingTsvectorConfig(language);
	}

	/**
	 * Renders the call of the config function, e.g. {@code ai.text_indexing_tsvector(language=>'english')}.
	 * @return the SQL expression
	 */
	String toSql();

	/**
	 * Reads a stored {@code text_indexing} part.
	 * @param json the part, or a missing node
	 * @return the config; {@link #none()} when the part is missing
	 * @throws InvalidVectorizerConfigException if the implementation is not supported
	 */
	static TextIndexingConfig fromJson(JsonNode json) {
		if (json == null || json.isMissingNode() || json.isNull()) {
			return none();
		}
		String implementation = json.path("implementation").asString("");
		return switch (implementation) {
			case "none" -> none();
			case "tsvector" -> tsvector(json.path("language").asString(DEFAULT_LANGUAGE));
			default -> throw new InvalidVectorizerConfigException("Unsupported text_indexing implementation '"
					+ implementation + "'; use ai.text_indexing_tsvector() or ai.text_indexing_none()");
		};
	}

}
