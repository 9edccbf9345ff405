package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.util.Assert;

/**
 * Builds a {@code SELECT ai.drop_vectorizer(...)} statement, which removes a vectorizer's triggers, queues
 * and catalog row and, with {@link #dropAll(boolean) dropAll}, its target table and view.
 * <p>
 * {@code dropAll} defaults to {@code false} like the SQL function; pgai's Alembic operation defaults to
 * {@code true}. Instances are immutable.
 */
public final class DropVectorizer {

	private final String vectorizer;

	private final boolean dropAll;

	private DropVectorizer(String vectorizer, boolean dropAll) {
		this.vectorizer = vectorizer;
		this.dropAll = dropAll;
	}

	/**
	 * Drops the vectorizer with the given name.
	 * @param name the vectorizer name
	 * @return the statement
	 */
	public static DropVectorizer name(String name) {
		Assert.hasText(name, "name is required: give the name of the vectorizer to drop");
		return new DropVectorizer(SqlLiterals.string(name), false);
	}

	/**
	 * Drops the vectorizer with the given id.
	 * @param id the vectorizer id
	 * @return the statement
	 */
	public static DropVectorizer id(int id) {
		return new DropVectorizer(String.valueOf(id), false);
	}

	/**
	 * Returns a statement that also drops, or keeps, the target table and view of a table destination.
	 * @param dropAll whether to drop the target table and view
	 * @return the statement
	 */
	public DropVectorizer dropAll(boolean dropAll) {
		return new DropVectorizer(this.vectorizer, dropAll);
	}

	/**
	 * Renders the statement.
	 * @return e.g. {@code SELECT ai.drop_vectorizer('blog_embedding_store', drop_all=>true)}
	 */
	public String toSql() {
		return "SELECT " + SqlFunctionCall.of("ai.drop_vectorizer")
			.positional(this.vectorizer)
			.bool("drop_all", this.dropAll)
			.toSql();
	}

	/**
	 * Runs the statement on the given connection, within its current transaction.
	 * @param connection the connection
	 * @throws SQLException if the server cannot drop the vectorizer
	 */
	public void execute(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute(toSql());
		}
	}

	@Override
	public String toString() {
		return toSql();
	}

}
