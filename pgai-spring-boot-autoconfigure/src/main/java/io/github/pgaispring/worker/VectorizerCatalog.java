package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads vectorizers from pgai's catalog table {@code ai.vectorizer}.
 */
public final class VectorizerCatalog {

	private static final String SELECT = """
			select id, name, source_schema, source_table, source_pk::text, queue_schema, queue_table,
			       queue_failed_table, config::text, disabled
			from ai.vectorizer""";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DataSource dataSource;

	/**
	 * Creates a catalog reader.
	 * @param dataSource the database holding the {@code ai} schema
	 */
	public VectorizerCatalog(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** All vectorizers, ordered by id. */
	public List<Vectorizer> findAll() {
		try (Connection connection = this.dataSource.getConnection()) {
			return findAll(connection);
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot read the vectorizers from ai.vectorizer", ex);
		}
	}

	/**
	 * The vectorizer with the given name.
	 * @param name the vectorizer name
	 * @return the vectorizer, or empty if there is none of that name
	 */
	public Optional<Vectorizer> findByName(String name) {
		return findAll().stream().filter((vectorizer) -> vectorizer.name().equals(name)).findFirst();
	}

	/**
	 * The vectorizer with the given id.
	 * @param id the vectorizer id
	 * @return the vectorizer, or empty if there is none with that id
	 */
	public Optional<Vectorizer> findById(int id) {
		try (Connection connection = this.dataSource.getConnection()) {
			return findById(connection, id);
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot read vectorizer " + id + " from ai.vectorizer", ex);
		}
	}

	static List<Vectorizer> findAll(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SELECT + " order by id");
				ResultSet rs = statement.executeQuery()) {
			List<Vectorizer> vectorizers = new ArrayList<>();
			while (rs.next()) {
				vectorizers.add(map(rs));
			}
			return vectorizers;
		}
	}

	static Optional<Vectorizer> findById(Connection connection, int id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SELECT + " where id = ?")) {
			statement.setInt(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? Optional.of(map(rs)) : Optional.empty();
			}
		}
	}

	private static Vectorizer map(ResultSet rs) throws SQLException {
		return new Vectorizer(rs.getInt("id"), rs.getString("name"), rs.getString("source_schema"),
				rs.getString("source_table"), primaryKey(json.readTree(rs.getString("source_pk"))),
				rs.getString("queue_schema"), rs.getString("queue_table"), rs.getString("queue_failed_table"),
				json.readTree(rs.getString("config")), rs.getBoolean("disabled"));
	}

	private static List<PrimaryKeyColumn> primaryKey(JsonNode sourcePk) {
		List<PrimaryKeyColumn> columns = new ArrayList<>();
		for (JsonNode column : sourcePk) {
			columns.add(new PrimaryKeyColumn(column.path("attname").asString(), column.path("typname").asString(),
					column.path("pknum").asInt(), column.path("attnum").asInt()));
		}
		columns.sort(Comparator.comparingInt(PrimaryKeyColumn::position));
		return columns;
	}

}
