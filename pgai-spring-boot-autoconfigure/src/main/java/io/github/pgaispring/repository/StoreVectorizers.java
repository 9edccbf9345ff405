package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.pgaispring.sql.TextIndexingConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the vectorizer that writes an embedding store, in the {@code ai.vectorizer} catalog.
 */
public final class StoreVectorizers {

	private static final String FIND = """
			select name, source_schema, source_table, config::text from ai.vectorizer
			where config -> 'destination' ->> 'implementation' = 'table'
			  and config -> 'destination' ->> 'target_schema' = coalesce(?, current_schema())
			  and config -> 'destination' ->> 'target_table' = ?
			order by id limit 1""";

	private final DataSource dataSource;

	/**
	 * Creates the lookup.
	 * @param dataSource the database holding the catalog
	 */
	public StoreVectorizers(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Finds the vectorizer whose destination is the store's table.
	 * @param store the embedding store
	 * @return the vectorizer, if there is one
	 */
	public Optional<StoreVectorizer> find(EmbeddingStoreTable store) {
		try (Connection connection = this.dataSource.getConnection()) {
			return find(connection, store);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the vectorizer catalog (ai.vectorizer) for embedding store "
					+ store.table(), ex);
		}
	}

	/**
	 * Finds the vectorizer whose destination is the store's table, on a connection the caller holds.
	 * @param connection the connection
	 * @param store the embedding store
	 * @return the vectorizer, if there is one
	 * @throws SQLException if the catalog cannot be read
	 */
	static Optional<StoreVectorizer> find(Connection connection, EmbeddingStoreTable store) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(FIND)) {
			select.setString(1, store.schema());
			select.setString(2, store.table());
			try (ResultSet result = select.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				JsonNode config = JsonMapper.shared().readTree(result.getString(4));
				return Optional.of(new StoreVectorizer(result.getString(1), result.getString(2), result.getString(3),
						config.path("embedding"), TextIndexingConfig.fromJson(config.path("text_indexing"))));
			}
		}
	}

	/**
	 * A vectorizer writing an embedding store.
	 *
	 * @param name the vectorizer name
	 * @param sourceSchema schema of its source table
	 * @param sourceTable its source table
	 * @param embedding its stored embedding configuration
	 * @param textIndexing the full-text index of its store
	 */
	public record StoreVectorizer(String name, String sourceSchema, String sourceTable, JsonNode embedding,
			TextIndexingConfig textIndexing) {

		/** Length of the vectors the vectorizer stores. */
		public int dimensions() {
			return this.embedding.path("dimensions").asInt();
		}

	}

}
