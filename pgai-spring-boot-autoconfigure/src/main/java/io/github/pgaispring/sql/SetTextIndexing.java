package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.util.Assert;

/**
 * Builds a {@code SELECT ai.set_text_indexing(...)} statement, which gives an existing vectorizer's embedding
 * store a full-text index for hybrid searches, changes its language, or removes it
 * ({@link TextIndexingConfig#none()}). Existing chunks are indexed at once; the vectorizer's worker needs no
 * change. Use it from Flyway Java migrations or plain JDBC:
 * <pre class="code">
 * SetTextIndexing.name("blog_posts_content").textIndexing(TextIndexingConfig.tsvector("english")).execute(connection);
 * </pre>
 * Instances are immutable.
 */
public final class SetTextIndexing {

	private final String vectorizer;

	private final TextIndexingConfig textIndexing;

	private SetTextIndexing(String vectorizer, TextIndexingConfig textIndexing) {
		this.vectorizer = vectorizer;
		this.textIndexing = textIndexing;
	}

	/**
	 * Sets the text indexing of the vectorizer with the given name, by default
	 * {@link TextIndexingConfig#tsvector()}.
	 * @param name the vectorizer name
	 * @return the statement
	 */
	public static SetTextIndexing name(String name) {
		Assert.hasText(name, "name is required: give the name of the vectorizer");
		return new SetTextIndexing(SqlLiterals.string(name), TextIndexingConfig.tsvector());
	}

	/**
	 * Sets the text indexing of the vectorizer with the given id, by default
	 * {@link TextIndexingConfig#tsvector()}.
	 * @param id the vectorizer id
	 * @return the statement
	 */
	public static SetTextIndexing id(int id) {
		return new SetTextIndexing(String.valueOf(id), TextIndexingConfig.tsvector());
	}

	/**
	 * Returns a statement that sets the given text indexing.
	 * @param textIndexing the text indexing, {@link TextIndexingConfig#none()} to remove it
	 * @return the statement
	 */
	public SetTextIndexing textIndexing(TextIndexingConfig textIndexing) {
		Assert.notNull(textIndexing, "textIndexing must not be null; use TextIndexingConfig.none() to remove it");
		return new SetTextIndexing(this.vectorizer, textIndexing);
	}

	/**
	 * Renders the statement.
	 * @return e.g. {@code SELECT ai.set_text_indexing('blog', ai.text_indexing_tsvector(language=>'english'))}
	 */
	public String toSql() {
		return "SELECT " + SqlFunctionCall.of("ai.set_text_indexing")
			.positional(this.vectorizer)
			.positional(this.textIndexing.toSql())
			.toSql();
	}

	/**
	 * Runs the statement on the given connection, within its current transaction.
	 * @param connection the connection
	 * @return whether the store changed (a column and index were created or dropped)
	 * @throws SQLException if the server rejects the statement, for example because the vectorizer has a column
	 * destination or the language does not exist
	 */
	public boolean execute(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			try (ResultSet result = statement.executeQuery(toSql())) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	@Override
	public String toString() {
		return toSql();
	}

}
