package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of pgai's SQL API on the starter's catalog: {@code ai.set_scheduling}, {@code ai.grant_vectorizer_usage},
 * {@code ai.execute_vectorizer}, {@code ai.vectorizer_embed} and {@code ai.embedding_sentence_transformers}, with
 * pgai's signatures and stored JSON.
 */
@PostgresTest
class PgaiSqlApiTests {

	private static CatalogSql sql;

	private static long docs;

	@BeforeAll
	static void installCatalog(DataSource dataSource) {
		sql = CatalogSql.installedIn(dataSource);
		sql.execute("create table api_docs (id int primary key, body text)", "insert into api_docs values (1, 'x')");
		docs = sql.number("select ai.create_vectorizer('api_docs'::regclass, loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3))");
	}

	@Test
	void signaturesAreThoseOfPgai() {
		assertThat(sql.strings("select p.oid::regprocedure::text || ' -> ' || pg_get_function_result(p.oid) from pg_proc p"
				+ " where p.proname in ('set_scheduling', 'grant_vectorizer_usage', 'execute_vectorizer', 'vectorizer_embed',"
				+ " 'embedding_sentence_transformers') order by 1")).containsExactly(
						"ai.embedding_sentence_transformers(text,integer) -> jsonb",
						"ai.execute_vectorizer(integer) -> void", "ai.execute_vectorizer(text) -> void",
						"ai.grant_vectorizer_usage(name,boolean) -> void",
						"ai.set_scheduling(integer,jsonb,jsonb) -> jsonb",
						"ai.vectorizer_embed(integer,text,text) -> vector", "ai.vectorizer_embed(jsonb,text,text) -> vector",
						"ai.vectorizer_embed(text,text,text) -> vector");
	}

	@Test
	void setSchedulingChangesIndexingAndSchedulingInPlace() {
		String config = sql.string("select ai.set_scheduling(?::int, indexing => ai.indexing_hnsw(min_rows => 10))::text",
				docs);

		assertThat(config).isEqualTo(sql.string("select config::text from ai.vectorizer where id = ?", docs))
			.contains("\"opclass\": \"vector_cosine_ops\"", "\"min_rows\": 10",
					"\"scheduling\": {\"config_type\": \"scheduling\", \"implementation\": \"none\"}");
		assertThat(sql.string("select config -> 'indexing' ->> 'implementation' from ai.vectorizer where id = ?", docs))
			.isEqualTo("hnsw");
		assertThat(sql.string("select ai.set_scheduling(?::int) -> 'indexing' ->> 'implementation'", docs))
			.as("indexing_default() resolves to none without the ai.indexing_default setting")
			.isEqualTo("none");
		assertThat(sql.failure("select ai.set_scheduling(" + docs + ", ai.scheduling_timescaledb())"))
			.contains("scheduling_timescaledb needs the timescaledb extension");
		assertThat(sql.failure("select ai.set_scheduling(12345)")).contains("there is no vectorizer with id 12345");
		assertThat(sql.string("select config -> 'indexing' ->> 'implementation' from ai.vectorizer where id = ?", docs))
			.isEqualTo("none");
	}

	@Test
	void grantVectorizerUsageGrantsPgaisPrivilegesToQuotedRoles() {
		String user = "Pgai_T_User_" + ProcessHandle.current().pid();
		String admin = "pgai_t_admin_" + ProcessHandle.current().pid();
		sql.execute("drop role if exists \"" + user + "\"", "drop role if exists " + admin, "create role \"" + user + "\"",
				"create role " + admin);
		try {
			sql.execute("select ai.grant_vectorizer_usage('" + user + "')",
					"select ai.grant_vectorizer_usage('" + admin + "', admin => true)");

			assertThat(sql.bool("select has_table_privilege(?, 'ai.vectorizer', 'select, insert, update, delete')", user))
				.isTrue();
			assertThat(sql.bool("select has_table_privilege(?, 'ai.vectorizer_status', 'select')", user)).isTrue();
			assertThat(sql.bool("select has_table_privilege(?, 'ai._vectorizer_errors', 'insert')", user)).isFalse();
			assertThat(sql.bool("select has_schema_privilege(?, 'ai', 'usage, create')", user)).isTrue();
			assertThat(sql.bool("select has_sequence_privilege(?, 'ai.vectorizer_id_seq', 'usage')", user)).isTrue();
			assertThat(sql.bool("select has_table_privilege(?, 'ai.pgai_lib_version', 'update')", user)).isFalse();
			for (String table : new String[] { "ai.pgai_lib_migration", "ai.pgai_lib_version", "ai.vectorizer",
					"ai._vectorizer_errors", "ai.vectorizer_worker_process", "ai.pgai_spring_catalog" }) {
				assertThat(sql.bool("select has_table_privilege(?, ?, 'select, insert, update, delete')", admin, table))
					.as(table)
					.isTrue();
			}
		}
		finally {
			sql.execute("grant \"" + user + "\", " + admin + " to current_user", "drop owned by \"" + user + "\", " + admin,
					"drop role \"" + user + "\", " + admin);
		}
	}

	@Test
	void executeVectorizerWakesTheRunningWorkersOrSaysWhatToStart(FreshDatabase database) throws SQLException {
		String name = sql.string("select name from ai.vectorizer where id = ?", docs);
		sql.execute("update ai.vectorizer_worker_process set last_heartbeat = now() - interval '1 hour'");
		assertThat(sql.failure("select ai.execute_vectorizer('" + name + "')"))
			.startsWith("no vectorizer worker is running to embed the queue of vectorizer " + name)
			.contains("HINT: start an application with the pgai Spring Boot starter");
		assertThat(sql.sqlState("select ai.execute_vectorizer(" + docs + ")")).isEqualTo("55000");
		assertThat(sql.failure("select ai.execute_vectorizer('no_such')")).contains("there is no vectorizer named \"no_such\"");

		sql.execute("select ai._worker_start('test', interval '30 seconds')");
		try (Connection listener = database.connect(); Statement listen = listener.createStatement()) {
			listen.execute("listen pgai_vectorizer_execute");
			sql.execute("select ai.execute_vectorizer('" + name + "')");

			listen.execute("select 1");
			PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(5000);
			assertThat(notifications).extracting(PGNotification::getParameter).containsExactly(String.valueOf(docs));
		}
		sql.execute("select ai.disable_vectorizer_schedule(" + docs + ")");
		try {
			assertThat(sql.failure("select ai.execute_vectorizer(" + docs + ")")).contains("is disabled",
					"ai.enable_vectorizer_schedule");
		}
		finally {
			sql.execute("select ai.enable_vectorizer_schedule(" + docs + ")");
		}
	}

	@Test
	void vectorizerEmbedSaysWhereTheStarterEmbeds() {
		for (String call : new String[] { "ai.vectorizer_embed(" + docs + ", 'hello')",
				"ai.vectorizer_embed('public_api_docs_embedding_store', 'hello', 'query')",
				"ai.vectorizer_embed(ai.embedding_onnx(), 'hello')" }) {
			assertThat(sql.failure("select " + call)).as(call)
				.startsWith("ai.vectorizer_embed cannot embed in the database")
				.contains("HINT: embed the query in Java: a method such as findNearestByCosine(String query, Limit limit)");
			assertThat(sql.sqlState("select " + call)).isEqualTo("0A000");
		}
	}

	@Test
	void sentenceTransformersConfigIsPgaisAndNoVectorizerAcceptsIt() {
		assertThat(sql.string("select ai.embedding_sentence_transformers()::text")).isEqualTo(sql.string(
				"select '{\"implementation\": \"sentence_transformers\", \"config_type\": \"embedding\","
						+ " \"model\": \"nomic-ai/nomic-embed-text-v1.5\", \"dimensions\": 768}'::jsonb::text"));
		assertThat(sql.failure("select ai.create_vectorizer('api_docs'::regclass, name => 'st',"
				+ " loading => ai.loading_column('body'), embedding => ai.embedding_sentence_transformers())"))
			.contains("invalid embedding implementation: \"sentence_transformers\"", "HINT: for an in-process model use"
					+ " ai.embedding_onnx");
	}

}
