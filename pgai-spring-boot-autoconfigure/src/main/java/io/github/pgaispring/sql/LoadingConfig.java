package io.github.pgaispring.sql;

/**
 * Where a vectorizer loads the content to embed from ({@code loading=>} of {@code ai.create_vectorizer}).
 */
public sealed interface LoadingConfig extends VectorizerConfigPart permits LoadingColumnConfig, LoadingUriConfig {

	/**
	 * pgai's default {@code retries}: how often a failed load is retried when the config does not say
	 * ({@code ai.loading_column} and {@code ai.loading_uri}, and the loading pgai derives from a legacy
	 * {@code chunk_column}).
	 */
	int DEFAULT_RETRIES = 6;

	/**
	 * Loads the content from a column of the source table: {@code ai.loading_column(column_name=>...)}.
	 * @param columnName the source column
	 * @return the configuration
	 */
	static LoadingColumnConfig column(String columnName) {
		return new LoadingColumnConfig(columnName, null);
	}

	/**
	 * Loads documents from the URIs stored in a column: {@code ai.loading_uri(column_name=>...)}.
	 * @param columnName the source column holding the URIs
	 * @return the configuration
	 */
	static LoadingUriConfig uri(String columnName) {
		return new LoadingUriConfig(columnName, null, null);
	}

	/** The source column the content (or its URI) is read from. */
	String columnName();

	/** How often a failed load is retried, or {@code null} for the server default ({@value #DEFAULT_RETRIES}). */
	Integer retries();

}
