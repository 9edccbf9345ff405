package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.HttpEmbedderOptions;
import io.github.pgaispring.embedding.RetryPolicy;
import io.github.pgaispring.testsupport.AiSchemaSnapshot;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PgaiInstall;
import io.github.pgaispring.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The catalog both ways with pgai's real installer ({@code ai.sql} of pgai 0.12.1, and the same script as a later
 * release that replays pgai's migrations): pgai's installer runs on the starter's catalog and takes over pgai's SQL
 * API; the starter's installer then, and on a database pgai prepared, leaves pgai's objects exactly as they are and
 * adds only its additions; the seed statements (current and legacy forms) work over pgai's functions; the worker
 * embeds the rows of vectorizers created before and after, with pgai's stored configs and its tracking tables.
 */
class PgaiInstallerCompatibilityTests {

	private static final int DIMENSIONS = 768;

	/** The seed statement of pgai's SQLAlchemy guide. */
	private static final String SEED = """
			SELECT ai.create_vectorizer(
			    'blog_posts'::regclass,
			    loading => ai.loading_column('content'),
			    embedding => ai.embedding_openai('text-embedding-3-small', 768),
			    chunking => ai.chunking_recursive_character_text_splitter(
			        50,  -- chunk_size
			        10   -- chunk_overlap
			    )
			)""";

	/** The seed statement of pgai's older guide: the chunk column first, no loading. */
	private static final String LEGACY_SEED = """
			SELECT ai.create_vectorizer(
			    'legacy_posts'::regclass,
			    embedding => ai.embedding_openai('text-embedding-3-small', 768),
			    chunking => ai.chunking_recursive_character_text_splitter(
			        'content',
			        50,  -- chunk_size
			        10   -- chunk_overlap
			    )
			)""";

	/** The ai extension's signature (<= 0.9), with a destination name. */
	private static final String LEGACY_DESTINATION = """
			select ai.create_vectorizer('named_posts'::regclass, destination => 'named_posts_vectors',
			  embedding => ai.embedding_openai('text-embedding-3-small', 768),
			  chunking => ai.chunking_character_text_splitter('content', 200, 20))""";

	/** What pgai's old Alembic operation of the seed guide renders (target_table, numbers quoted). */
	private static final String LEGACY_ALEMBIC = """
			SELECT ai.create_vectorizer(
			'blog'::regclass
			, target_table => 'blog_embeddings'
			, embedding => ai.embedding_openai(model=>'text-embedding-3-small', dimensions=>'768')
			, chunking => ai.chunking_character_text_splitter(chunk_column=>'content', chunk_size=>'800', chunk_overlap=>'400', separator=>'.', is_separator_regex=>false)
			, formatting => ai.formatting_python_template(template=>'$title - $chunk')
			)""";

	private static EmbeddingTestServer openAi;

	@BeforeAll
	static void startOpenAi() throws Exception {
		openAi = EmbeddingTestServer.start((request) -> EmbeddingProviderResponses.openAi(request, DIMENSIONS));
	}

	@AfterAll
	static void stopOpenAi() {
		openAi.close();
	}

	@Test
	void pgaisInstallersRunOnTheStartersCatalogAndTheStarterKeepsWorkingWithPgaisFunctions() throws SQLException {
		withDatabase((dataSource) -> {
			assertThat(new CatalogInstaller(dataSource).install().sqlApi()).isEqualTo(CatalogInstallation.SqlApi.STARTER);
			execute(dataSource, "create table blog_posts (id serial primary key, title text, content text)",
					"insert into blog_posts (title, content) values ('One', 'alpha'), ('Two', 'beta')");
			execute(dataSource, SEED);

			PgaiInstall.install(dataSource, PgaiInstall.VERSION);
			assertThat(rows(dataSource, "select version from ai.pgai_lib_version")).containsExactly("0.12.1");
			PgaiInstall.install(dataSource, PgaiInstall.NEXT_VERSION);
			assertThat(rows(dataSource, "select version from ai.pgai_lib_version")).containsExactly("0.12.2");
			assertThat(count(dataSource, "select count(*) from ai.pgai_lib_migration")).as("001 to 031").isEqualTo(20);

			AiSchemaSnapshot pgais = AiSchemaSnapshot.of(dataSource);
			CatalogInstallation installation = new CatalogInstaller(dataSource).install();
			assertThat(installation.sqlApi()).isEqualTo(CatalogInstallation.SqlApi.PGAI);
			assertThat(installation.pgaiLibraryVersion()).isEqualTo("0.12.2");
			assertThat(installation.scriptsApplied()).as("the additions, now over pgai's functions").isTrue();
			AiSchemaSnapshot after = AiSchemaSnapshot.of(dataSource);
			assertThat(after.changedSince(pgais)).isEmpty();
			assertThat(after.addedSince(pgais)).isEmpty();
			assertThat(new CatalogInstaller(dataSource).install().outcome())
				.isEqualTo(CatalogInstallation.Outcome.UP_TO_DATE);
			assertThat(AiSchemaSnapshot.of(dataSource).changedSince(pgais)).isEmpty();

			createSeedVectorizers(dataSource);
			assertOnlyPgaisAndTheLegacyCreateVectorizers(dataSource);
			embedEverything(dataSource);
			assertThat(rows(dataSource, "select id, chunk_seq, chunk from blog_posts_embedding_store order by id"))
				.as("the vectorizer created before pgai's installers ran")
				.containsExactly("1|0|alpha", "2|0|beta", "3|0|gamma");
		});
	}

	@Test
	void aLaterPgaiReleaseRunsDirectlyOnTheStartersCatalog() throws SQLException {
		withDatabase((dataSource) -> {
			new CatalogInstaller(dataSource).install();
			execute(dataSource, "create table blog_posts (id serial primary key, title text, content text)", SEED);

			PgaiInstall.install(dataSource, PgaiInstall.NEXT_VERSION);

			assertThat(rows(dataSource, "select version from ai.pgai_lib_version")).containsExactly("0.12.2");
			assertThat(rows(dataSource, "select to_regclass('ai.semantic_catalog')::text"))
				.as("pgai's migration 031, which the starter's catalog leaves to pgai")
				.containsExactly("ai.semantic_catalog");
			assertThat(new CatalogInstaller(dataSource).install().sqlApi()).isEqualTo(CatalogInstallation.SqlApi.PGAI);
			createSeedVectorizers(dataSource);
			embedEverything(dataSource);
		});
	}

	@Test
	void theStartersInstallerLeavesPgaisCatalogAsPgaiMadeItAndAddsOnlyItsAdditions() throws SQLException {
		withDatabase((dataSource) -> {
			PgaiInstall.install(dataSource, PgaiInstall.VERSION);
			execute(dataSource, "create table blog_posts (id serial primary key, title text, content text)", SEED);
			AiSchemaSnapshot pgais = AiSchemaSnapshot.of(dataSource);

			CatalogInstallation installation = new CatalogInstaller(dataSource).install();

			assertThat(installation).isEqualTo(new CatalogInstallation(CatalogInstallation.Outcome.INSTALLED,
					CatalogInstallation.SqlApi.PGAI, CatalogInstaller.CATALOG_VERSION, null, "0.12.1", List.of(3, 4), true));
			AiSchemaSnapshot after = AiSchemaSnapshot.of(dataSource);
			assertThat(after.changedSince(pgais)).isEmpty();
			assertThat(after.addedSince(pgais)).containsExactly(
					"constraint ai.pgai_spring_catalog.pgai_spring_catalog_name_check",
					"constraint ai.pgai_spring_catalog.pgai_spring_catalog_pkey",
					"constraint ai.pgai_spring_migration.pgai_spring_migration_pkey",
					"constraint ai.pgai_spring_vectorizer_migration.pgai_spring_vectorizer_migration_check",
					"constraint ai.pgai_spring_vectorizer_migration.pgai_spring_vectorizer_migration_pkey",
					"constraint ai.pgai_spring_vectorizer_migration.pgai_spring_vectorizer_migration_target_id_key",
					"constraint ai.pgai_spring_vectorizer_migration_history.pgai_spring_vectorizer_migration_history_pkey",
					"function ai._embedding_onnx_models()", "function ai._pgai_spring_embedding_current(integer,jsonb)", "function ai._validate_config_object(jsonb,text)",
					"function ai._validate_embedding_onnx(jsonb)", "function ai._validate_text_indexing(jsonb)",
					"function ai._vectorizer(integer)", "function ai._vectorizer_change_in_place(integer,jsonb)",
					"function ai._vectorizer_copy_grants(regclass,regclass)",
					"function ai._vectorizer_drop_text_index(ai.vectorizer)", "function ai._vectorizer_embedded_config(jsonb)",
					"function ai._vectorizer_has_vector_index(name,name)", "function ai._vectorizer_id(text)",
					"function ai._vectorizer_migration_cancel(integer)", "function ai._vectorizer_migration_name(name,text)",
					"function ai._vectorizer_migration_rename_indexes(name,name,name)",
					"function ai._vectorizer_migration_replace_view(name,name,text)",
					"function ai._vectorizer_migration_start(ai.vectorizer,jsonb)",
					"function ai._vectorizer_migration_switch(ai.vectorizer,ai.vectorizer)",
					"function ai._vectorizer_migration_waiting_for(ai.vectorizer,ai.vectorizer)",
					"function ai._vectorizer_set_text_index(name,name,jsonb)", "function ai.cancel_vectorizer_migration(text)",
					"function ai.chunking_character_text_splitter(name,integer,integer,text,boolean)",
					"function ai.chunking_recursive_character_text_splitter(name,integer,integer,text[],boolean)",
					"function ai.create_vectorizer(regclass,json,text,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb,"
							+ "name,name,name[],boolean,boolean,name,name,name,name)",
					"function ai.create_vectorizer(regclass,name,jsonb,json,jsonb,jsonb,jsonb,jsonb,name,name,name,name,"
							+ "name,name,name[],boolean)",
					"function ai.embedding_custom(text,text,integer,jsonb)", "function ai.embedding_onnx(text,integer)",
					"function ai.embedding_spring_ai(text,integer,text)", "function ai.execute_vectorizer(integer)",
					"function ai.finish_vectorizer_migration(text,interval)", "function ai.formatting_chunk_value()",
					"function ai.migrate_vectorizer(text,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb,jsonb)",
					"function ai.set_text_indexing(integer,jsonb)", "function ai.set_text_indexing(text,jsonb)",
					"function ai.text_indexing_none()", "function ai.text_indexing_tsvector(regconfig)",
					"index ai.pgai_spring_catalog_pkey", "index ai.pgai_spring_migration_pkey",
					"index ai.pgai_spring_vectorizer_migration_history_pkey", "index ai.pgai_spring_vectorizer_migration_pkey", "index ai.pgai_spring_vectorizer_migration_target_id_key",
					"relation ai.pgai_spring_catalog", "relation ai.pgai_spring_migration",
					"relation ai.pgai_spring_vectorizer_migration", "relation ai.pgai_spring_vectorizer_migration_history",
					"relation ai.vectorizer_migration_status");
			assertThat(rows(dataSource, "select version || ' ' || applied_by_version from ai.pgai_spring_migration"))
				.containsExactly("1 0.2.0 (not run: created by pgai's installer 0.12.1)",
						"2 0.2.0 (not run: created by pgai's installer 0.12.1)", "3 0.2.0", "4 0.2.0");

			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> PgaiInstall.install(dataSource, PgaiInstall.VERSION))
				.withMessageContaining("the pgai library has already been installed/upgraded")
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42710"));
			PgaiInstall.install(dataSource, PgaiInstall.NEXT_VERSION);
			assertThat(AiSchemaSnapshot.of(dataSource).addedSince(pgais)).containsAll(after.addedSince(pgais));

			createSeedVectorizers(dataSource);
			embedEverything(dataSource);
			assertThat(rows(dataSource, "select count(*) from ai.vectorizer_worker_process where heartbeat_count > 0"))
				.containsExactly("1");
			execute(dataSource, "select ai.execute_vectorizer('public_blog_posts_embedding_store')");
			assertThat(rows(dataSource, "select ai.set_text_indexing('public_blog_posts_embedding_store')"))
				.containsExactly("t");
			assertThat(rows(dataSource, "select count(*) from blog_posts_embedding_store"
					+ " where chunk_tsv @@ to_tsquery('english', 'gamma')")).containsExactly("1");
		});
	}

	@Test
	void theWorkerFillsPgaisStoreFailedQueueErrorsAndTrackingTables() throws Exception {
		try (EmbeddingTestServer failing = EmbeddingTestServer.start((request) -> request.inputs()
			.stream()
			.anyMatch((input) -> input.contains("POISON"))
					? EmbeddingProviderResponses.openAiError(400, "Invalid input", "invalid_request_error", null)
					: EmbeddingProviderResponses.openAi(request, 3))) {
			withDatabase((dataSource) -> {
				PgaiInstall.install(dataSource, PgaiInstall.VERSION);
				new CatalogInstaller(dataSource).install();
				execute(dataSource, "create table blog (id int primary key, title text not null, body text)");
				execute(dataSource, "select ai.create_vectorizer('public.blog'::regclass,"
						+ " loading => ai.loading_column('body'),"
						+ " embedding => ai.embedding_openai('text-embedding-3-small', 3, base_url => '" + failing.baseUrl()
						+ "/v1'), chunking => ai.chunking_character_text_splitter(10, 0, E'\\n\\n'),"
						+ " formatting => ai.formatting_python_template('$title: $chunk'))");
				execute(dataSource, "insert into blog values (1, 'One', E'alpha\\n\\nbeta'), (2, 'Two', 'gamma'), "
						+ "(3, 'Three', 'POISON')");
				VectorizerWorker worker = worker(dataSource);

				worker.runOnce();
				execute(dataSource, "update blog set title = 'Uno' where id = 1", "delete from blog where id = 2");
				worker.runOnce();

				assertThat(rows(dataSource, "select id, chunk_seq, chunk, embedding::text from blog_embedding_store "
						+ "order by id, chunk_seq"))
					.containsExactly("1|0|Uno: alpha|[10,0.001,0.002]", "1|1|Uno: beta|[9,0.001,0.002]");
				assertThat(rows(dataSource, "select id, failure_step from ai._vectorizer_q_failed_1"))
					.containsExactly("3|embedding");
				assertThat(count(dataSource, "select count(*) from ai._vectorizer_q_1")).isZero();
				assertThat(rows(dataSource, "select distinct message from ai.vectorizer_errors where name = "
						+ "'public_blog_embedding_store'")).containsExactly("embedding provider failed");
				assertThat(rows(dataSource, "select success_count, error_count > 0 from ai.vectorizer_worker_progress"))
					.containsExactly("3|t");
				assertThat(rows(dataSource, "select version like 'pgai-spring-boot %', heartbeat_count >= 1"
						+ " from ai.vectorizer_worker_process")).containsExactly("t|t");
				assertThat(rows(dataSource, "select chunk, title from blog_embedding where id = 1 order by chunk_seq"))
					.containsExactly("Uno: alpha|Uno", "Uno: beta|Uno");
			});
		}
	}

	/** Runs the four seed forms over whichever ai.create_vectorizer the catalog has; checks pgai's stored JSON. */
	private static void createSeedVectorizers(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table if not exists blog_posts (id serial primary key, title text, content text)",
				"create table legacy_posts (id serial primary key, title text, content text)",
				"create table named_posts (id serial primary key, title text, content text)",
				"create table blog (id serial primary key, title text, content text)",
				"insert into blog_posts (title, content) values ('Three', 'gamma')",
				"insert into legacy_posts (title, content) values ('Four', 'delta')",
				"insert into named_posts (title, content) values ('Five', 'epsilon')",
				"insert into blog (title, content) values ('Six', 'zeta')");
		if (count(dataSource, "select count(*) from ai.vectorizer where source_table = 'blog_posts'") == 0) {
			execute(dataSource, SEED);
		}
		execute(dataSource, LEGACY_SEED, LEGACY_DESTINATION, LEGACY_ALEMBIC);
		assertThat(rows(dataSource, "select name, config -> 'loading' ->> 'column_name', config -> 'chunking' ? 'chunk_column',"
				+ " config -> 'destination' ->> 'target_table', config -> 'destination' ->> 'view_name' from ai.vectorizer"
				+ " order by id")).containsExactly(
						"public_blog_posts_embedding_store|content|f|blog_posts_embedding_store|blog_posts_embedding",
						"public_legacy_posts_embedding_store|content|f|legacy_posts_embedding_store|legacy_posts_embedding",
						"public_named_posts_vectors_store|content|f|named_posts_vectors_store|named_posts_vectors",
						"public_blog_embeddings|content|f|blog_embeddings|blog_embedding");
		assertThat(rows(dataSource, "select config -> 'loading' from ai.vectorizer where name = 'public_legacy_posts_embedding_store'"))
			.containsExactly("{\"retries\": 6, \"column_name\": \"content\", \"config_type\": \"loading\", \"implementation\": \"column\"}");
		execute(dataSource, "update ai.vectorizer set config = jsonb_set(config, '{embedding,base_url}', to_jsonb('"
				+ openAi.baseUrl() + "/v1'::text))");
	}

	private static void assertOnlyPgaisAndTheLegacyCreateVectorizers(DataSource dataSource) throws SQLException {
		assertThat(rows(dataSource, "select pg_get_function_identity_arguments(oid) from pg_proc"
				+ " where proname = 'create_vectorizer' order by pronargs, 1")).hasSize(3)
			.anySatisfy((arguments) -> assertThat(arguments).startsWith("source regclass, name text, destination jsonb")
				.endsWith("enqueue_existing boolean, if_not_exists boolean"));
	}

	/** Every queued row of every vectorizer ends up as chunks in its store. */
	private static void embedEverything(DataSource dataSource) throws SQLException {
		worker(dataSource).runOnce();
		assertThat(rows(dataSource, "select name, pending_items from ai.vectorizer_status order by id"))
			.allSatisfy((row) -> assertThat(row).endsWith("|0"));
		for (String store : List.of("blog_posts_embedding_store", "legacy_posts_embedding_store",
				"named_posts_vectors_store", "blog_embeddings")) {
			assertThat(count(dataSource, "select count(*) from " + store + " where vector_dims(embedding) = " + DIMENSIONS))
				.as(store)
				.isPositive();
		}
		assertThat(rows(dataSource, "select chunk from blog_embeddings")).containsExactly("Six - zeta");
	}

	private static VectorizerWorker worker(DataSource dataSource) {
		EmbedderFactory embedderFactory = EmbedderFactory.builder()
			.apiKeyResolver((name) -> "OPENAI_API_KEY".equals(name) ? "sk-test" : null)
			.httpOptions(HttpEmbedderOptions.defaults().withRetryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))
			.build();
		return new VectorizerWorker(dataSource, new ConfiguredPipelineFactory(embedderFactory, ZoneOffset.UTC),
				WorkerSettings.defaults().withRetries(1, Duration.ZERO, Duration.ZERO));
	}

	private static void withDatabase(DatabaseTest test) throws SQLException {
		FreshDatabase database = TestPostgres.server().createDatabase("pgai_installer");
		try {
			test.run(database.dataSource());
		}
		finally {
			database.drop();
		}
	}

	@FunctionalInterface
	private interface DatabaseTest {

		void run(DataSource dataSource) throws SQLException;

	}

}
