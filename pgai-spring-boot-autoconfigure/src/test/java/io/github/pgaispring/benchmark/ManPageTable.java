package io.github.pgaispring.benchmark;

import java.nio.charset.StandardCharsets;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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
		return create(dataSource, table, documents, documents.size());
	}

	/**
	 * Creates a table of {@code rows} rows made of the documents, repeated as often as needed (the
	 * {@code n}-th repetition's titles end with {@code #n}), then its vectorizer (named like the table).
	 * @param dataSource a database with the {@code ai} catalog installed
	 * @param table the table name
	 * @param documents the texts; row {@code i} (from 1) is document {@code (i - 1) % size}
	 * @param rows how many rows
	 * @return the table
	 */
	static ManPageTable create(DataSource dataSource, String table, List<Document> documents, int rows)
			throws SQLException {
		return create(dataSource, table, documents, rows, EmbeddingConfig.onnx("all-minilm-l6-v2", DIMENSIONS));
	}

	/**
	 * Creates a table as {@link #create(DataSource, String, List, int)} does, with another embedding config.
	 * @param embedding the vectorizer's embedding
	 */
	static ManPageTable create(DataSource dataSource, String table, List<Document> documents, int rows,
			EmbeddingConfig embedding) throws SQLException {
		return create(dataSource, table, documents, rows, embedding, IndexingConfig.none());
	}

	/**
	 * Creates a table as {@link #create(DataSource, String, List, int)} does, with other embedding and indexing
	 * configs.
	 * @param embedding the vectorizer's embedding
	 * @param indexing the vectorizer's indexing
	 */
	static ManPageTable create(DataSource dataSource, String table, List<Document> documents, int rows,
			EmbeddingConfig embedding, IndexingConfig indexing) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table " + table
						+ " (id bigint primary key, title text not null, content text not null)");
			}
			copyRows(connection, table, documents, rows);
			CreateVectorizer.source(table)
				.name(table)
				.loading(LoadingConfig.column("content"))
				.embedding(embedding)
				.chunking(ChunkingConfig.recursiveCharacterTextSplitter())
				.formatting(FormattingConfig.pythonTemplate(TEMPLATE))
				.indexing(indexing)
				.execute(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("analyze " + table);
			}
		}
		Vectorizer vectorizer = new VectorizerCatalog(dataSource).findByName(table).orElseThrow();
		return new ManPageTable(dataSource, vectorizer, rows);
	}

	private static void copyRows(Connection connection, String table, List<Document> documents, int rows)
			throws SQLException {
		if (rows == 0) {
			return;
		}
		CopyIn copy = connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("copy " + table + " (id, title, content) from stdin");
		try {
			StringBuilder line = new StringBuilder();
			for (int id = 1; id <= rows; id++) {
				Document document = documents.get((id - 1) % documents.size());
				int repetition = (id - 1) / documents.size();
				String title = (repetition == 0) ? document.title() : document.title() + " #" + (repetition + 1);
				line.setLength(0);
				line.append(id).append('\t');
				appendCopyText(line, title).append('\t');
				appendCopyText(line, document.content()).append('\n');
				byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
				copy.writeToCopy(bytes, 0, bytes.length);
			}
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	private static StringBuilder appendCopyText(StringBuilder line, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> line.append("\\\\");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				case '\t' -> line.append("\\t");
				default -> line.append(c);
			}
		}
		return line;
	}

	/** Inserts one row (autocommit), as an application would. */
	void insert(long id, Document document) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("insert into "
						+ this.vectorizer.qualifiedSource() + " (id, title, content) values (?, ?, ?)")) {
			insert.setLong(1, id);
			insert.setString(2, document.title());
			insert.setString(3, document.content());
			insert.executeUpdate();
		}
	}

	/** Drops the vectorizer with its store and queue, and the table. */
	void drop() throws SQLException {
		execute("select ai.drop_vectorizer(" + this.vectorizer.id() + ", drop_all => true)");
		execute("drop table " + this.vectorizer.qualifiedSource());
	}

	/** Executes a statement on the table's database. */
	void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
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

	/** Counts the rows of the embedding store. */
	long storedChunks() throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from " + store())) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
