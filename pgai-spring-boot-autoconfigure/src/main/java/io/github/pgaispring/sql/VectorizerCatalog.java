package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Reads vectorizers from pgai's catalog table {@code ai.vectorizer}: the one place the starter reads it, for
 * the worker, the repositories and the reconciler of declared vectorizers. Each row's configuration is read
 * once into a {@link VectorizerConfig}. Failures are Spring {@link DataAccessException}s, so callers can tell
 * transient ones ({@code TransientDataAccessException}) from others.
 */
public final class VectorizerCatalog {

	private static final String SELECT = """
			select id, name, source_schema, source_table, source_pk::text, queue_schema, queue_table,
			       queue_failed_table, config::text, disabled
			from ai.vectorizer""";

	private final JdbcClient jdbc;

	/**
	 * Creates a catalog reader that takes connections from the data source (joining a Spring-managed
	 * transaction when there is one).
	 * @param dataSource the database holding the {@code ai} schema
	 */
	public VectorizerCatalog(DataSource dataSource) {
		this(JdbcClient.create(dataSource));
	}

	/**
	 * Creates a catalog reader.
	 * @param jdbc the client for the database holding the {@code ai} schema
	 */
	public VectorizerCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A catalog reader that reads on the given connection, within whatever transaction it has; the
	 * connection is neither committed nor closed.
	 * @param connection the connection
	 * @return the reader
	 */
	public static VectorizerCatalog on(Connection connection) {
		JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
		template.setExceptionTranslator(new SQLStateSQLExceptionTranslator());
		return new VectorizerCatalog(JdbcClient.create(template));
	}

	/**
	 * Whether the catalog has the starter's {@code ai._pgai_spring_embedding_current}, which search statements use to
	 * check the embedding configuration they embedded their query with. The starter's catalog install adds it; a
	 * catalog that only pgai's own installer set up (with {@code pgai.catalog.install=false}) lacks it.
	 * @return whether the function exists
	 */
	public boolean hasEmbeddingCheck() {
		return Boolean.TRUE.equals(this.jdbc.sql("select pg_catalog.to_regprocedure("
				+ "'ai._pgai_spring_embedding_current(pg_catalog.int4, pg_catalog.jsonb)') is not null")
			.query(Boolean.class)
			.single());
	}

	/** All vectorizers, ordered by id. */
	public List<Vectorizer> findAll() {
		return this.jdbc.sql(SELECT + " order by id").query(VectorizerCatalog::map).list();
	}

	/**
	 * The vectorizer with the given name.
	 * @param name the vectorizer name
	 * @return the vectorizer, or empty if there is none of that name
	 */
	public Optional<Vectorizer> findByName(String name) {
		return this.jdbc.sql(SELECT + " where name = ?").param(name).query(VectorizerCatalog::map).optional();
	}

	/**
	 * The vectorizer with the given id.
	 * @param id the vectorizer id
	 * @return the vectorizer, or empty if there is none with that id
	 */
	public Optional<Vectorizer> findById(int id) {
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query(VectorizerCatalog::map).optional();
	}

	/**
	 * The vectorizer that writes its embeddings to the given table ({@code ai.destination_table}); the one
	 * created first if several do.
	 * @param schema the table's schema, or {@code null} for the session's current schema
	 * @param table the table
	 * @return the vectorizer, or empty if none writes that table
	 */
	public Optional<Vectorizer> findByDestination(@Nullable String schema, String table) {
		return this.jdbc.sql(SELECT + """

				where config -> 'destination' ->> 'implementation' = 'table'
				  and config -> 'destination' ->> 'target_schema' = coalesce(?, current_schema())
				  and config -> 'destination' ->> 'target_table' = ?
				order by id limit 1""").param(1, schema, Types.VARCHAR).param(2, table)
			.query(VectorizerCatalog::map)
			.optional();
	}

	private static Vectorizer map(ResultSet rs, int row) throws SQLException {
		return new Vectorizer(rs.getInt("id"), rs.getString("name"), rs.getString("source_schema"),
				rs.getString("source_table"), primaryKey(rs.getString("source_pk")), rs.getString("queue_schema"),
				rs.getString("queue_table"), rs.getString("queue_failed_table"),
				StoredVectorizerConfig.read(rs.getString("config")), rs.getBoolean("disabled"));
	}

	private static List<PrimaryKeyColumn> primaryKey(String sourcePk) {
		List<PrimaryKeyColumn> columns = new ArrayList<>();
		for (JsonNode column : JsonMapper.shared().readTree(sourcePk)) {
			columns.add(new PrimaryKeyColumn(column.path("attname").asString(), column.path("typname").asString(),
					column.path("pknum").asInt(), column.path("attnum").asInt()));
		}
		columns.sort(Comparator.comparingInt(PrimaryKeyColumn::position));
		return columns;
	}

}
