package io.github.pgaispring.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerDestination;

/**
 * A source table {@code (id bigint primary key, title text, content text)} holding manual page sections,
 * with a vectorizer created through the real catalog ({@code ai.create_vectorizer}): content loaded from
 * {@code content}, pgai's default recursive character splitter (800/400), template {@code $title - $chunk},
 * the in-process {@code all-minilm-l6-v2} model (384 dimensions) and no index. Creating the vectorizer
 * queues every row, as pgai does.
 */
final class ManPageTable {

	/** The template the vectorizer formats chunks with. */
	static final String TEMPLATE = "$title - $chunk";

	/** The vectors' length. */
	static final int DIMENSIONS = 384;

	private final DataSource dataSource;

	private final Vectorizer vectorizer;

	private final int rows;

	private ManPageTable(DataSource dataSource, Vectorizer vectorizer, int rows) {
		this.dataSource = dataSource;
		this.vectorizer = vectorizer;
		this.rows = rows;
	}

	/**
	 * Creates and fills the table, then its vectorizer (named like the table).
	 * @param dataSource a database with the {@code ai} catalog installed
	 * @param table the table name
	 * @param documents the rows; ids are 1, 2, ... in list order
	 * @return the table
	 */
	static ManPageTable create(DataSource dataSource, String table, List<Document> documents) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table " + table
						+ " (id bigint primary key, title text not null, content text not null)");
			}
			try (PreparedStatement insert = connection
				.prepareStatement("insert into " + table + " (id, title, content) values (?, ?, ?)")) {
				long id = 0;
				for (Document document : documents) {
					insert.setLong(1, ++id);
					insert.setString(2, document.title());
					insert.setString(3, document.content());
					insert.addBatch();
					if (id % 1000 == 0) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			CreateVectorizer.source(table)
				.name(table)
				.loading(LoadingConfig.column("content"))
				.embedding(EmbeddingConfig.onnx("all-minilm-l6-v2", DIMENSIONS))
				.chunking(ChunkingConfig.recursiveCharacterTextSplitter())
				.formatting(FormattingConfig.pythonTemplate(TEMPLATE))
				.indexing(IndexingConfig.none())
				.execute(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("analyze " + table);
			}
		}
		Vectorizer vectorizer = new VectorizerCatalog(dataSource).findByName(table).orElseThrow();
		return new ManPageTable(dataSource, vectorizer, documents.size());
	}

	/** The vectorizer as the worker reads it. */
	Vectorizer vectorizer() {
		return this.vectorizer;
	}

	/** The number of source rows. */
	int rows() {
		return this.rows;
	}

	/** The quoted embedding store table. */
	String store() {
		return ((VectorizerDestination.Table) VectorizerDestination.of(this.vectorizer)).qualifiedName();
	}

	/**
	 * The source row of an id as the formatter sees it (column values by name).
	 * @param id the row's id
	 * @param document its document
	 * @return the row
	 */
	static Map<String, Object> row(long id, Document document) {
		return Map.of("id", id, "title", document.title(), "content", document.content());
	}

	/** Empties the store and the queue. */
	void clear() throws SQLException {
		execute("truncate " + store() + ", " + this.vectorizer.qualifiedQueue());
	}

	/**
	 * Queues the source rows of an id range, as the trigger would for inserted rows.
	 * @param firstId the first id
	 * @param lastId the last id (inclusive)
	 */
	void enqueue(long firstId, long lastId) throws SQLException {
		execute("insert into " + this.vectorizer.qualifiedQueue() + " (id) select id from "
				+ this.vectorizer.qualifiedSource() + " where id between " + firstId + " and " + lastId + " order by id");
		execute("analyze " + this.vectorizer.qualifiedQueue());
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Counts the rows of the embedding store. */
	long storedChunks() throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from " + store())) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
