package io.github.pgaispring.sql;

/**
 * One part of a vectorizer's configuration, such as its {@link EmbeddingConfig embedding} or
 * {@link ChunkingConfig chunking}: the Java form of one of pgai's {@code ai.*} config functions.
 */
public sealed interface VectorizerConfigPart permits LoadingConfig, ParsingConfig, EmbeddingConfig, ChunkingConfig,
		FormattingConfig, DestinationConfig, IndexingConfig, SchedulingConfig, ProcessingConfig {

	/**
	 * Renders the call of the pgai config function that produces this configuration, with named
	 * arguments, e.g. {@code ai.embedding_openai(model=>'text-embedding-3-small', dimensions=>768)}.
	 * Components that are {@code null} are left out, so the function's default applies.
	 * @return the SQL expression
	 */
	String toSql();

}
