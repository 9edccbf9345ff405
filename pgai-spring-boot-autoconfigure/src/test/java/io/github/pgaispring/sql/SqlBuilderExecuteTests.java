package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code execute(Connection)} of {@link CreateVectorizer} and {@link DropVectorizer} against stubs declared
 * with pgai's signatures (reference §1.1 and §1.4), standing in for the catalog: the named arguments bind to
 * pgai's parameters, the id comes back, and a name picks the {@code text} overload of
 * {@code drop_vectorizer}.
 */
@PostgresTest
class SqlBuilderExecuteTests {

	@Test
	void executeCallsPgaiSignaturesAndReturnsTheId(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createStubs(connection);
			int id = CreateVectorizer.source("public.stub_source")
				.name("stub")
				.queueSchema("q")
				.queueTable("t")
				.grantTo("a", "b")
				.enqueueExisting(false)
				.ifNotExists(true)
				.execute(connection);
			assertThat(id).isEqualTo(42);
			assertThat(single(connection, "SELECT call FROM stub_calls"))
				.isEqualTo("create stub_source stub q t {a,b} f t");
			execute(connection, "delete from stub_calls");
			DropVectorizer.name("stub").dropAll(true).execute(connection);
			DropVectorizer.id(42).execute(connection);
			assertThat(single(connection, "SELECT string_agg(call, ', ' order by call) FROM stub_calls"))
				.isEqualTo("drop by id 42 f, drop by name stub t");
		}
	}

	private static void createStubs(Connection connection) throws SQLException {
		execute(connection, "create table stub_source (id int primary key)");
		execute(connection, "create table stub_calls (call text)");
		execute(connection, "create schema ai");
		execute(connection, "create function ai.grant_to(variadic grantees name[]) returns name[] language sql "
				+ "as 'select grantees'");
		execute(connection, """
				create function ai.create_vectorizer(source regclass, name text default null,
				  destination jsonb default null, loading jsonb default null, parsing jsonb default null,
				  embedding jsonb default null, chunking jsonb default null, indexing jsonb default null,
				  formatting jsonb default null, scheduling jsonb default null, processing jsonb default null,
				  queue_schema name default null, queue_table name default null, grant_to name[] default null,
				  enqueue_existing bool default true, if_not_exists bool default false) returns int4
				language sql as $$
				  insert into stub_calls values (concat_ws(' ', 'create', source, name, queue_schema, queue_table,
				    grant_to, enqueue_existing, if_not_exists));
				  select 42
				$$""");
		execute(connection, "create function ai.drop_vectorizer(vectorizer_id int4, drop_all bool default false) "
				+ "returns void language sql as $$ insert into stub_calls values "
				+ "(concat_ws(' ', 'drop by id', vectorizer_id, drop_all)) $$");
		execute(connection, "create function ai.drop_vectorizer(name text, drop_all bool default false) "
				+ "returns void language sql as $$ insert into stub_calls values "
				+ "(concat_ws(' ', 'drop by name', name, drop_all)) $$");
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
