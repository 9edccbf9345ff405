package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Builds a {@code SELECT ai.migrate_vectorizer(...)} statement, which changes an existing vectorizer without
 * downtime. The parts given replace the stored ones, the others stay. A change of loading, parsing, embedding,
 * chunking or formatting starts a migration: a new store is built beside the current one by a vectorizer of its own
 * ({@code <name>_next}, with its own queue), which any worker backfills while searches keep reading the current
 * store; once it has caught up, the worker switches to it in one transaction ({@code ai.finish_vectorizer_migration})
 * and the old store is dropped. A change of indexing, scheduling or processing alone applies in place. Use it from
 * Flyway Java migrations or plain JDBC:
 * <pre class="code">
 * MigrateVectorizer.name("blog_posts_content")
 * 	.formatting(FormattingConfig.pythonTemplate("$title: $chunk"))
 * 	.execute(connection);
 * </pre>
 * A SQL migration calls the function directly:
 * {@code select ai.migrate_vectorizer('blog_posts_content', formatting => ai.formatting_python_template('$title: $chunk'))}.
 */
public final class MigrateVectorizer {

	/** What {@link #execute(Connection)} did, as {@code ai.migrate_vectorizer} reports it. */
	public enum Outcome {

		/** Nothing differs, and no migration runs. */
		UNCHANGED,

		/** Only indexing, scheduling or processing differed: applied in place, nothing is re-embedded. */
		UPDATED,

		/** The embedded parts are the stored ones again: the migration that ran to other ones was dropped. */
		CANCELLED,

		/** A migration to the new definition started. */
		STARTED,

		/** A migration to this definition runs already. */
		RUNNING,

		/** A migration to another definition ran: it was dropped and one to this definition started. */
		RESTARTED;

		static Outcome of(String value) {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}

		/** Whether a migration runs after this outcome. */
		public boolean migrating() {
			return this == STARTED || this == RUNNING || this == RESTARTED;
		}

	}

	private final String name;

	private final Map<String, VectorizerConfigPart> parts = new LinkedHashMap<>();

	private MigrateVectorizer(String name) {
		this.name = name;
	}

	/**
	 * Changes the vectorizer with the given name.
	 * @param name the vectorizer name
	 * @return the statement, changing nothing yet
	 */
	public static MigrateVectorizer name(String name) {
		Assert.hasText(name, "name is required: give the name of the vectorizer");
		return new MigrateVectorizer(name);
	}

	/** Changes the given parts, keyed by their name in the stored config ({@code loading}, ...). */
	static MigrateVectorizer name(String name, Map<String, VectorizerConfigPart> parts) {
		MigrateVectorizer migrate = name(name);
		parts.forEach(migrate::part);
		return migrate;
	}

	/**
	 * Sets where the text comes from.
	 * @param loading e.g. {@code LoadingConfig.column("body")}
	 * @return this statement
	 */
	public MigrateVectorizer loading(LoadingConfig loading) {
		return part("loading", loading);
	}

	/**
	 * Sets how loaded values are parsed.
	 * @param parsing the parsing
	 * @return this statement
	 */
	public MigrateVectorizer parsing(ParsingConfig parsing) {
		return part("parsing", parsing);
	}

	/**
	 * Sets the embedding model.
	 * @param embedding the model
	 * @return this statement
	 */
	public MigrateVectorizer embedding(EmbeddingConfig embedding) {
		return part("embedding", embedding);
	}

	/**
	 * Sets how texts are split into chunks.
	 * @param chunking the chunking
	 * @return this statement
	 */
	public MigrateVectorizer chunking(ChunkingConfig chunking) {
		return part("chunking", chunking);
	}

	/**
	 * Sets how chunks are formatted before they are embedded.
	 * @param formatting the formatting
	 * @return this statement
	 */
	public MigrateVectorizer formatting(FormattingConfig formatting) {
		return part("formatting", formatting);
	}

	/**
	 * Sets the vector index (applied in place).
	 * @param indexing the indexing
	 * @return this statement
	 */
	public MigrateVectorizer indexing(IndexingConfig indexing) {
		return part("indexing", indexing);
	}

	/**
	 * Sets the scheduling (applied in place).
	 * @param scheduling the scheduling
	 * @return this statement
	 */
	public MigrateVectorizer scheduling(SchedulingConfig scheduling) {
		return part("scheduling", scheduling);
	}

	/**
	 * Sets batch size and concurrency (applied in place).
	 * @param processing the processing
	 * @return this statement
	 */
	public MigrateVectorizer processing(ProcessingConfig processing) {
		return part("processing", processing);
	}

	private MigrateVectorizer part(String key, VectorizerConfigPart part) {
		Assert.notNull(part, () -> key + " must not be null");
		Assert.isTrue(!"destination".equals(key), "a migration keeps the vectorizer's destination; to change it, drop "
				+ "and create the vectorizer again");
		this.parts.put(key, part);
		return this;
	}

	/**
	 * Renders the statement.
	 * @return e.g. {@code SELECT ai.migrate_vectorizer('blog', formatting=>ai.formatting_python_template(...))}
	 */
	public String toSql() {
		SqlFunctionCall call = SqlFunctionCall.of("ai.migrate_vectorizer").positional(SqlLiterals.string(this.name));
		this.parts.forEach(call::config);
		return "SELECT " + call.toSql();
	}

	/**
	 * Runs the statement on the given connection, within its current transaction; the migration starts when it
	 * commits.
	 * @param connection the connection
	 * @return what was done
	 * @throws SQLException if the server rejects the change, for example for a vectorizer with a column destination
	 */
	public Outcome execute(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			try (ResultSet result = statement.executeQuery(toSql())) {
				result.next();
				return Outcome.of(result.getString(1));
			}
		}
	}

	@Override
	public String toString() {
		return toSql();
	}

}
