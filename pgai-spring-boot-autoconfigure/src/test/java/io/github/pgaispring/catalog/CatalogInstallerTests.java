package io.github.pgaispring.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.pgaispring.catalog.CatalogInstallation.Outcome;
import io.github.pgaispring.catalog.CatalogInstallation.SqlApi;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PgaiInstall;
import io.github.pgaispring.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CatalogInstaller} on fresh databases: install, restart, upgrade, concurrent starts, pgai's own catalog and
 * mismatching catalogs.
 */
class CatalogInstallerTests {

	@Test
	void installsOnceAndThenFindsTheCatalogUpToDate() throws Exception {
		withDatabase((database) -> {
			CatalogInstaller installer = new CatalogInstaller(database.dataSource());

			CatalogInstallation first = installer.install();
			assertThat(first).isEqualTo(new CatalogInstallation(Outcome.INSTALLED, SqlApi.STARTER,
					CatalogInstaller.CATALOG_VERSION, null, "0.12.1+pgai-spring." + CatalogInstaller.CATALOG_VERSION,
					List.of(1, 2, 3, 4), true));

			CatalogInstallation second = installer.install();
			assertThat(second).isEqualTo(new CatalogInstallation(Outcome.UP_TO_DATE, SqlApi.STARTER,
					CatalogInstaller.CATALOG_VERSION, CatalogInstaller.CATALOG_VERSION,
					CatalogInstaller.PGAI_LIBRARY_VERSION_WITH_STARTER, List.of(), false));
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			assertThat(jdbc.queryForList("select version || ' ' || description from ai.pgai_spring_migration", String.class))
				.containsExactly("1 vectorizer_catalog", "2 pgai_installer_compatibility", "3 vectorizer_migrations",
						"4 vectorizer_migration_history");
		});
	}

	@Test
	void createsPgaisTablesAndVersionRows() throws Exception {
		withDatabase((database) -> {
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());

			assertThat(sql.columns("ai", "vectorizer")).containsExactly("id integer not null", "source_schema name not null",
					"source_table name not null", "source_pk jsonb not null", "trigger_name name not null",
					"queue_schema name", "queue_table name", "config jsonb not null",
					"disabled boolean not null default false", "queue_failed_table name", "name name not null");
			assertThat(sql.string("select pg_get_serial_sequence('ai.vectorizer', 'id')")).isEqualTo("ai.vectorizer_id_seq");
			assertThat(sql.constraints("ai.vectorizer")).contains("CHECK ((name ~ '^[a-z][a-z_0-9]*$'::text))",
					"PRIMARY KEY (id)", "UNIQUE (name)");
			assertThat(sql.columns("ai", "_vectorizer_errors")).containsExactly("id integer not null", "message text",
					"details jsonb", "recorded timestamp with time zone not null default now()");
			assertThat(sql.columns("ai", "vectorizer_errors")).containsExactly("id integer", "message text",
					"details jsonb", "recorded timestamp with time zone", "name name");
			assertThat(sql.columns("ai", "vectorizer_status")).containsExactly("id integer", "name name",
					"source_table text", "target_table text", "view text", "embedding_column text", "pending_items bigint",
					"disabled boolean");
			assertThat(sql.columns("ai", "vectorizer_worker_process")).containsExactly(
					"id uuid not null default gen_random_uuid()", "version text not null",
					"started timestamp with time zone not null default now()",
					"expected_heartbeat_interval interval not null",
					"last_heartbeat timestamp with time zone not null default now()",
					"heartbeat_count integer not null default 0", "error_count integer not null default 0",
					"success_count integer not null default 0",
					"last_error_at timestamp with time zone", "last_error_message text");
			assertThat(sql.columns("ai", "vectorizer_worker_progress")).containsExactly("vectorizer_id integer not null",
					"success_count integer not null default 0", "error_count integer not null default 0",
					"last_success_at timestamp with time zone", "last_success_process_id uuid",
					"last_error_at timestamp with time zone", "last_error_message text", "last_error_process_id uuid");
			assertThat(sql.strings("select name || ' ' || version from ai.pgai_lib_version"))
				.containsExactly("ai 0.12.1+pgai-spring." + CatalogInstaller.CATALOG_VERSION);
			assertThat(sql.columns("ai", "pgai_lib_migration")).containsExactly("name text not null",
					"applied_at_version text not null", "applied_at timestamp with time zone not null default clock_timestamp()",
					"body text not null");
			assertThat(sql.strings("select name from ai.pgai_lib_migration order by name")).hasSize(19)
				.startsWith("001-vectorizer.sql")
				.endsWith("030-add_vectorizer_errors_view.sql");
			assertThat(sql.number("select count(*) from ai.pgai_lib_feature_flag")).isZero();
		});
	}

	@Test
	void workerTrackingFunctionsRecordHeartbeatsAndProgress() throws Exception {
		withDatabase((database) -> {
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());
			sql.execute("create table tracked (id int primary key, body text)");
			long id = sql.number("select ai.create_vectorizer('tracked'::regclass, loading => ai.loading_column('body'),"
					+ " embedding => ai.embedding_openai('m', 3))");
			String worker = sql.string("select ai._worker_start('0.1.0', interval '1 minute')::text");

			sql.execute("select ai._worker_heartbeat('" + worker + "', 5, 1, 'boom')",
					"select ai._worker_heartbeat('" + worker + "', 2, 0, null)",
					"select ai._worker_progress('" + worker + "', " + id + ", 7, null)",
					"select ai._worker_progress('" + worker + "', " + id + ", 0, 'failed')");

			assertThat(sql.rows("select heartbeat_count, success_count, error_count, last_error_message,"
					+ " last_error_at is not null as errored from ai.vectorizer_worker_process where id = ?::uuid", worker))
				.singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("heartbeat_count", 2)
					.containsEntry("success_count", 7)
					.containsEntry("error_count", 1)
					.containsEntry("last_error_message", "boom")
					.containsEntry("errored", true));
			assertThat(sql.rows("select success_count, error_count, last_error_message,"
					+ " last_success_process_id::text as success_by, last_error_process_id::text as error_by"
					+ " from ai.vectorizer_worker_progress where vectorizer_id = ?", id))
				.singleElement()
				.satisfies((row) -> assertThat(row).containsEntry("success_count", 7)
					.containsEntry("error_count", 1)
					.containsEntry("last_error_message", "failed")
					.containsEntry("success_by", worker)
					.containsEntry("error_by", worker));
		});
	}

	@Test
	void changedScriptsChecksumRerunsTheScripts() throws Exception {
		withDatabase((database) -> {
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());
			sql.execute("drop function ai.chunking_none()");
			assertThat(new CatalogInstaller(database.dataSource()).install().outcome()).as("restart changes nothing")
				.isEqualTo(Outcome.UP_TO_DATE);
			assertThat(sql.number("select count(*) from pg_proc where proname = 'chunking_none'")).isZero();

			sql.execute("update ai.pgai_spring_catalog set scripts_checksum = 'older scripts', version = '0.0.1'");
			CatalogInstallation upgrade = new CatalogInstaller(database.dataSource()).install();

			assertThat(upgrade).isEqualTo(new CatalogInstallation(Outcome.UPGRADED, SqlApi.STARTER,
					CatalogInstaller.CATALOG_VERSION, "0.0.1", CatalogInstaller.PGAI_LIBRARY_VERSION_WITH_STARTER, List.of(),
					true));
			assertThat(sql.number("select count(*) from pg_proc where proname = 'chunking_none'")).isOne();
		});
	}

	@Test
	void upgradesACatalogOfTheFirstReleaseToPgaisShapesAndKeepsItsVectorizers() throws Exception {
		withDatabase((database) -> {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.execute(resource("catalog-0.1.0.sql"));
			jdbc.execute("create table old_docs (id int primary key, title text, body text)");
			jdbc.execute("insert into old_docs values (1, 't', 'first')");
			jdbc.execute("select ai.create_vectorizer('old_docs'::regclass, embedding => ai.embedding_openai('m', 3),"
					+ " chunking => ai.chunking_recursive_character_text_splitter('body'), target_table => 'old_chunks')");
			jdbc.execute("insert into ai.vectorizer_worker_process (version, expected_heartbeat_interval, started,"
					+ " heartbeat_count) values ('pgai-spring-boot 0.1.0', interval '30 seconds', null, null)");

			CatalogInstallation upgrade = new CatalogInstaller(database.dataSource()).install();

			assertThat(upgrade).isEqualTo(new CatalogInstallation(Outcome.UPGRADED, SqlApi.STARTER,
					CatalogInstaller.CATALOG_VERSION, "0.1.0", CatalogInstaller.PGAI_LIBRARY_VERSION_WITH_STARTER,
					List.of(2, 3, 4), true));
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());
			assertThat(sql.strings("select heartbeat_count || ' ' || (started is not null) from ai.vectorizer_worker_process"))
				.containsExactly("0 true");
			assertThat(sql.columns("ai", "vectorizer_worker_process")).contains("heartbeat_count integer not null default 0");
			assertThat(sql.strings("select conname from pg_constraint where conrelid in ('ai.vectorizer'::regclass,"
					+ " 'ai._vectorizer_errors'::regclass) and contype in ('u', 'f') order by 1"))
				.containsExactly("vectorizer_errors_id_fkey", "vectorizer_name_unique");
			assertThat(sql.number("select count(*) from ai.pgai_lib_migration")).isEqualTo(19);
			assertThat(sql.strings("select pg_get_function_identity_arguments(oid) from pg_proc"
					+ " where proname = 'create_vectorizer' order by pronargs, 1")).hasSize(3)
				.noneMatch((arguments) -> arguments.contains("chunking jsonb") && arguments.contains("target_table"));
			assertThat(sql.number("select count(*) from pg_proc where proname = '_validate_indexing'")).isOne();
			assertThat(sql.string("select pg_typeof(ai.chunking_recursive_character_text_splitter('body'))::text"))
				.isEqualTo("json");
			jdbc.execute("insert into old_docs values (2, 't', 'second')");
			assertThat(sql.strings("select id::text from ai._vectorizer_q_1 order by id")).containsExactly("1", "2");

			PgaiInstall.install(database.dataSource(), PgaiInstall.VERSION);
			assertThat(new CatalogInstaller(database.dataSource()).install().sqlApi()).isEqualTo(SqlApi.PGAI);
			assertThat(sql.string("select config -> 'destination' ->> 'target_table' from ai.vectorizer"))
				.isEqualTo("old_chunks");
		});
	}

	@Test
	void changedMigrationChecksumIsAnErrorAndChangesNothing() throws Exception {
		withDatabase((database) -> {
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());
			sql.execute("update ai.pgai_spring_migration set checksum = 'tampered'",
					"update ai.pgai_spring_catalog set scripts_checksum = 'older scripts'", "drop function ai.chunking_none()");

			assertThatExceptionOfType(CatalogInstallationException.class)
				.isThrownBy(() -> new CatalogInstaller(database.dataSource()).install())
				.withMessageContaining("Catalog migration 1 (vectorizer_catalog) was applied with checksum tampered")
				.withMessageContaining("released migrations must not change");
			assertThat(sql.string("select scripts_checksum from ai.pgai_spring_catalog")).isEqualTo("older scripts");
			assertThat(sql.number("select count(*) from pg_proc where proname = 'chunking_none'")).isZero();
		});
	}

	@Test
	void aFailingScriptRollsBackTheWholeInstallation() throws Exception {
		withDatabase((database) -> {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.execute("create schema ai");
			jdbc.execute("create view ai.vectorizer_status as select 1 as unrelated");

			assertThatExceptionOfType(CatalogInstallationException.class)
				.isThrownBy(() -> new CatalogInstaller(database.dataSource()).install())
				.withMessageContaining("failed while running the catalog scripts (functions and views)")
				.withMessageContaining("cannot change name of view column");
			assertThat(jdbc.queryForList("select c.relname::text from pg_class c where c.relnamespace = 'ai'::regnamespace",
					String.class)).containsExactly("vectorizer_status");
			assertThat(jdbc.queryForObject("select count(*) from pg_proc where pronamespace = 'ai'::regnamespace",
					Long.class)).isZero();
		});
	}

	@Test
	void newerCatalogIsAnError() throws Exception {
		withDatabase((database) -> {
			CatalogSql sql = CatalogSql.installedIn(database.dataSource());
			sql.execute("insert into ai.pgai_spring_migration (version, description, checksum, applied_by_version)"
					+ " values (999, 'future', 'x', '9.0.0')");

			assertThatExceptionOfType(CatalogInstallationException.class)
				.isThrownBy(() -> new CatalogInstaller(database.dataSource()).install())
				.withMessageContaining("has migration 999, newer than this pgai-spring");
		});
	}

	@Test
	void concurrentInstallersSerialiseIntoOneCatalog() throws Exception {
		FreshDatabase database = TestPostgres.server().createDatabase("catalog_race");
		int installers = 4;
		ExecutorService executor = Executors.newFixedThreadPool(installers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<CatalogInstallation>> results = new ArrayList<>();
			for (int i = 0; i < installers; i++) {
				Callable<CatalogInstallation> install = () -> {
					CatalogInstaller installer = new CatalogInstaller(database.dataSource());
					start.await();
					return installer.install();
				};
				results.add(executor.submit(install));
			}
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<CatalogInstallation> result : results) {
				outcomes.add(result.get().outcome());
			}

			assertThat(outcomes).containsOnlyOnce(Outcome.INSTALLED)
				.containsOnly(Outcome.INSTALLED, Outcome.UP_TO_DATE);
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			assertThat(jdbc.queryForObject("select count(*) from ai.pgai_spring_migration", Long.class)).isEqualTo(4);
			assertThat(jdbc.queryForObject("select count(*) from ai.pgai_lib_version", Long.class)).isOne();
		}
		finally {
			executor.shutdownNow();
			database.drop();
		}
	}

	@Test
	void aPgaiVersionRowWithoutPgaisFunctionsIsAnErrorAndChangesNothing() throws Exception {
		withDatabase((database) -> {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.execute("create schema ai");
			jdbc.execute("create table ai.pgai_lib_version (name text primary key, version text not null,"
					+ " installed_at timestamptz not null default clock_timestamp())");
			jdbc.execute("insert into ai.pgai_lib_version (name, version) values ('ai', '0.12.1')");

			assertThatExceptionOfType(CatalogInstallationException.class)
				.isThrownBy(() -> new CatalogInstaller(database.dataSource()).install())
				.withMessageContaining("says pgai library 0.12.1, but pgai's ai.create_vectorizer(regclass, text, jsonb, ...)"
						+ " is missing")
				.withMessageContaining("run 'pgai install'");
			assertThat(jdbc.queryForList("select tablename::text from pg_tables where schemaname = 'ai'", String.class))
				.containsExactly("pgai_lib_version");
		});
	}

	@Test
	void foreignVectorizerTableIsAnError() throws Exception {
		withDatabase((database) -> {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.execute("create schema ai");
			jdbc.execute("create table ai.vectorizer (id int primary key)");

			assertThatExceptionOfType(CatalogInstallationException.class)
				.isThrownBy(() -> new CatalogInstaller(database.dataSource()).install())
				.withMessageContaining("neither pgai-spring nor the pgai library")
				.withMessageContaining("pgai install");
			assertThat(jdbc.queryForObject("select to_regclass('ai.pgai_spring_migration') is null", Boolean.class)).isTrue();
		});
	}

	private static String resource(String name) throws IOException {
		try (InputStream sql = CatalogInstallerTests.class.getResourceAsStream(name)) {
			return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void withDatabase(DatabaseTest test) throws Exception {
		FreshDatabase database = TestPostgres.server().createDatabase("catalog_installer");
		try {
			test.run(database);
		}
		finally {
			database.drop();
		}
	}

	@FunctionalInterface
	private interface DatabaseTest {

		void run(FreshDatabase database) throws Exception;

	}

}
