package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ai.create_vectorizer} builds the objects and stores the config that pgai does, for both seed statements,
 * the legacy signature, composite keys, column destinations and awkward identifiers.
 */
@PostgresTest
class CreateVectorizerSqlTests {

	private static CatalogSql sql;

	@BeforeAll
	static void installCatalog(DataSource dataSource) {
		sql = CatalogSql.installedIn(dataSource);
	}

	@Test
	void seedStatementWithLoadingCreatesPgaiObjectsAndConfig() {
		sql.execute("create table blog_posts (id serial primary key, title text, content text)",
				"insert into blog_posts (title, content) values ('first', 'hello'), ('second', 'world')");
		long id = sql.number("""
				SELECT ai.create_vectorizer('blog_posts'::regclass, loading => ai.loading_column('content'),
				  embedding => ai.embedding_openai('text-embedding-3-small', 768),
				  chunking => ai.chunking_recursive_character_text_splitter(50, 10))""");

		assertThat(sql.rows("select name, source_schema, source_table, source_pk::text as pk, trigger_name, queue_schema,"
				+ " queue_table, queue_failed_table, disabled from ai.vectorizer where id = ?", id))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row).containsEntry("name", "public_blog_posts_embedding_store")
					.containsEntry("source_schema", "public")
					.containsEntry("source_table", "blog_posts")
					.containsEntry("pk", "[{\"pknum\": 1, \"attnum\": 1, \"attname\": \"id\", \"typname\": \"integer\"}]")
					.containsEntry("trigger_name", "_vectorizer_src_trg_" + id)
					.containsEntry("queue_schema", "ai")
					.containsEntry("queue_table", "_vectorizer_q_" + id)
					.containsEntry("queue_failed_table", "_vectorizer_q_failed_" + id)
					.containsEntry("disabled", false);
			});
		assertThat(config(id)).isEqualTo(jsonb(expectedSeedConfig("blog_posts")));
		assertThat(sql.columns("public", "blog_posts_embedding_store")).containsExactly(
				"embedding_uuid uuid not null default gen_random_uuid()", "id integer not null",
				"chunk_seq integer not null", "chunk text not null", "embedding vector(768) not null");
		assertThat(sql.constraints("public.blog_posts_embedding_store")).containsExactly(
				"PRIMARY KEY (embedding_uuid)", "UNIQUE (id, chunk_seq)");
		assertThat(sql.string("select attstorage::text from pg_attribute"
				+ " where attrelid = 'public.blog_posts_embedding_store'::regclass and attname = 'embedding'"))
			.isEqualTo("m");
		assertThat(sql.columns("public", "blog_posts_embedding")).containsExactly("embedding_uuid uuid", "chunk_seq integer",
				"chunk text", "embedding vector(768)", "id integer", "title text", "content text");
		assertThat(sql.string("select pg_get_viewdef('public.blog_posts_embedding'::regclass, true)")).contains(
				"t.id,", "s.title", "s.content", "LEFT JOIN blog_posts s ON t.id = s.id");
		assertThat(sql.columns("ai", "_vectorizer_q_" + id)).containsExactly("id integer not null",
				"queued_at timestamp with time zone not null default now()",
				"loading_retries integer not null default 0", "loading_retry_after timestamp with time zone");
		assertThat(sql.constraints("ai._vectorizer_q_" + id)).isEmpty();
		assertThat(sql.indexes("ai._vectorizer_q_" + id)).containsExactly("USING btree (id)");
		assertThat(sql.columns("ai", "_vectorizer_q_failed_" + id)).containsExactly("id integer not null",
				"created_at timestamp with time zone not null default now()", "failure_step text not null default ''::text");
		assertThat(sql.indexes("ai._vectorizer_q_failed_" + id)).containsExactly("USING btree (id)");
		assertThat(sql.strings("select pg_get_triggerdef(oid) from pg_trigger where tgrelid = 'blog_posts'::regclass"
				+ " order by tgname")).containsExactly(
						"CREATE TRIGGER _vectorizer_src_trg_" + id + " AFTER INSERT OR DELETE OR UPDATE ON public.blog_posts"
								+ " FOR EACH ROW EXECUTE FUNCTION ai._vectorizer_src_trg_" + id + "()",
						"CREATE TRIGGER _vectorizer_src_trg_" + id + "_notify AFTER INSERT OR UPDATE ON public.blog_posts"
								+ " FOR EACH STATEMENT EXECUTE FUNCTION ai._vectorizer_notify_queue('ai._vectorizer_q_" + id + "')",
						"CREATE TRIGGER _vectorizer_src_trg_" + id + "_truncate AFTER TRUNCATE ON public.blog_posts"
								+ " FOR EACH STATEMENT EXECUTE FUNCTION ai._vectorizer_src_trg_" + id + "()");
		assertThat(sql.rows("select prosecdef, proconfig::text as config, has_function_privilege('public', oid, 'execute')"
				+ " as public_execute from pg_proc where proname = ?", "_vectorizer_src_trg_" + id))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("prosecdef", true)
				.containsEntry("config", "{\"search_path=pg_catalog, pg_temp\"}")
				.containsEntry("public_execute", false));
		assertThat(sql.strings("select id::text from ai._vectorizer_q_" + id + " order by id")).containsExactly("1", "2");
		assertThat(sql.rows("select * from ai.vectorizer_status where id = ?", id)).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("source_table", "public.blog_posts")
				.containsEntry("target_table", "public.blog_posts_embedding_store")
				.containsEntry("view", "public.blog_posts_embedding")
				.containsEntry("embedding_column", "embedding")
				.containsEntry("pending_items", 2L)
				.containsEntry("disabled", false));
	}

	@Test
	void seedStatementWithLegacyChunkingDerivesTheLoadingColumn() {
		sql.execute("create table legacy_posts (id serial primary key, title text, content text)");
		long id = sql.number("""
				SELECT ai.create_vectorizer('legacy_posts'::regclass,
				  embedding => ai.embedding_openai('text-embedding-3-small', 768),
				  chunking => ai.chunking_recursive_character_text_splitter('content', 50, 10))""");

		assertThat(config(id)).isEqualTo(jsonb(expectedSeedConfig("legacy_posts")));
		assertThat(sql.string("select name from ai.vectorizer where id = ?", id))
			.isEqualTo("public_legacy_posts_embedding_store");
		assertThat(sql.columns("public", "legacy_posts_embedding_store")).hasSize(5);
		assertThat(sql.number("select count(*) from pg_trigger where tgrelid = 'legacy_posts'::regclass")).isEqualTo(3);
	}

	@Test
	void legacyChunkingHelpersKeepTheChunkColumnInTheirConfig() {
		assertThat(sql.string("select pg_typeof(ai.chunking_character_text_splitter('body'))::text")).isEqualTo("json");
		assertThat(sql.string("select ai.chunking_character_text_splitter('body', 128, 0)::jsonb::text")).isEqualTo(jsonb(
				"{\"implementation\": \"character_text_splitter\", \"config_type\": \"chunking\", \"chunk_column\": \"body\","
						+ " \"chunk_size\": 128, \"chunk_overlap\": 0, \"separator\": \"\\n\\n\", \"is_separator_regex\": false}"));
		assertThat(sql.string("select ai.chunking_recursive_character_text_splitter(chunk_column => 'body')::jsonb::text"))
			.contains("\"chunk_column\": \"body\"", "\"chunk_size\": 800", "\"chunk_overlap\": 400");
		assertThat(sql.string("select ai.chunking_recursive_character_text_splitter()::text"))
			.doesNotContain("chunk_column");
	}

	@Test
	void legacySignatureWithADestinationNameNamesTheStoreAndView() {
		sql.execute("create table old_docs (id int primary key, body text)");
		long id = sql.number("""
				select ai.create_vectorizer('old_docs'::regclass, destination => 'old_docs_vectors',
				  embedding => ai.embedding_ollama('nomic-embed-text', 768),
				  chunking => ai.chunking_character_text_splitter('body', 200, 20))""");

		assertThat(sql.string("select config -> 'destination' from ai.vectorizer where id = ?", id)).isEqualTo(jsonb(
				"{\"implementation\": \"table\", \"config_type\": \"destination\", \"target_schema\": \"public\","
						+ " \"target_table\": \"old_docs_vectors_store\", \"view_schema\": \"public\", \"view_name\": \"old_docs_vectors\"}"));
		assertThat(sql.string("select config -> 'loading' from ai.vectorizer where id = ?", id))
			.isEqualTo(jsonb("{\"implementation\": \"column\", \"config_type\": \"loading\", \"column_name\": \"body\", \"retries\": 6}"));
		assertThat(sql.string("select to_regclass('public.old_docs_vectors')::text")).isEqualTo("old_docs_vectors");
		assertThat(sql.failure("""
				select ai.create_vectorizer('old_docs'::regclass, destination => '{"implementation": "table"}',
				  embedding => ai.embedding_ollama('nomic-embed-text', 768), chunking => ai.chunking_character_text_splitter('body'))"""))
			.contains("was read as the name of a legacy destination", "ai.destination_table(...)");
	}

	@Test
	void overloadResolutionPicksTheSignatureByTheChunkingAndDestinationArguments() {
		assertThat(sql.strings("select pg_get_function_identity_arguments(oid) from pg_proc"
				+ " where proname = 'create_vectorizer' order by pronargs, 1")).satisfiesExactly(
						(legacy) -> assertThat(legacy).startsWith("source regclass, destination name, embedding jsonb,"
								+ " chunking json"),
						(current) -> assertThat(current).isEqualTo("source regclass, name text, destination jsonb,"
								+ " loading jsonb, parsing jsonb, embedding jsonb, chunking jsonb, indexing jsonb,"
								+ " formatting jsonb, scheduling jsonb, processing jsonb, queue_schema name, queue_table name,"
								+ " grant_to name[], enqueue_existing boolean, if_not_exists boolean"),
						(legacyChunking) -> assertThat(legacyChunking).startsWith("source regclass, chunking json,")
							.endsWith("target_schema name, target_table name, view_schema name, view_name name"));
		sql.execute("create table overload_docs (id int primary key, body text)");
		long jsonbDestination = sql.number("""
				select ai.create_vectorizer('overload_docs'::regclass, destination => ai.destination_table('ov_json'),
				  loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 3), name => 'ov_json')""");
		long nameDestination = sql.number("""
				select ai.create_vectorizer('overload_docs'::regclass, destination => 'ov_name',
				  embedding => ai.embedding_openai('m', 3), chunking => ai.chunking_recursive_character_text_splitter('body'))""");
		long legacyChunking = sql.number("""
				select ai.create_vectorizer('overload_docs'::regclass, name => 'ov_legacy', destination => ai.destination_table('ov_legacy'),
				  embedding => ai.embedding_openai('m', 3), chunking => ai.chunking_recursive_character_text_splitter('body'))""");
		assertThat(sql.strings("select config -> 'destination' ->> 'view_name' from ai.vectorizer where id in (?, ?, ?)"
				+ " order by id", jsonbDestination, nameDestination, legacyChunking))
			.containsExactly("ov_json", "ov_name", "ov_legacy");
		assertThat(sql.failure("""
				select ai.create_vectorizer('overload_docs'::regclass, destination => 'ov_mixed',
				  embedding => ai.embedding_openai('m', 3), chunking => ai.chunking_recursive_character_text_splitter(100, 10))"""))
			.as("a legacy destination name with current chunking reaches the current function, whose destination is jsonb")
			.contains("invalid input syntax for type json");
	}

	@Test
	void viewSchemaIsHonoured() {
		sql.execute("create schema store_schema", "create schema view_schema",
				"create table placed_docs (id int primary key, body text)");
		long id = sql.number("""
				select ai.create_vectorizer('placed_docs'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('m', 3),
				  destination => ai.destination_table(target_schema => 'store_schema', view_schema => 'view_schema',
				    view_name => 'placed'))""");

		assertThat(sql.string("select config -> 'destination' from ai.vectorizer where id = ?", id)).isEqualTo(jsonb(
				"{\"implementation\": \"table\", \"config_type\": \"destination\", \"target_schema\": \"store_schema\","
						+ " \"target_table\": \"placed_docs_embedding_store\", \"view_schema\": \"view_schema\", \"view_name\": \"placed\"}"));
		assertThat(sql.string("select to_regclass('view_schema.placed')::text")).isEqualTo("view_schema.placed");
		assertThat(sql.string("select to_regclass('public.placed')")).isNull();
		assertThat(sql.string("select to_regclass('store_schema.placed_docs_embedding_store')::text"))
			.isEqualTo("store_schema.placed_docs_embedding_store");
		assertThat(sql.string("select name from ai.vectorizer where id = ?", id))
			.isEqualTo("store_schema_placed_docs_embedding_store");
	}

	@Test
	void trailingLegacyParametersOverrideTheDestinationOfLegacyChunking() {
		sql.execute("create table override_docs (id int primary key, body text)");
		long id = sql.number("""
				select ai.create_vectorizer('override_docs'::regclass, embedding => ai.embedding_openai('m', 3),
				  chunking => ai.chunking_character_text_splitter('body'), target_table => 'override_chunks',
				  view_name => 'override_view')""");

		assertThat(sql.strings("select config -> 'destination' ->> k from ai.vectorizer, unnest(array['target_table',"
				+ " 'view_name']) k where id = ?", id)).containsExactly("override_chunks", "override_view");
		assertThat(sql.string("select to_regclass('override_chunks')::text")).isEqualTo("override_chunks");
	}

	@Test
	void compositeNonIntegerKeysKeepTypesAndKeyOrder() {
		sql.execute("""
				create table articles (title varchar(20), published timestamptz, price numeric(10, 2), body text,
				  primary key (published, title))""",
				"insert into articles values ('a', '2024-01-01T00:00:00Z', 1.5, 'x'), ('b', '2024-01-02T00:00:00Z', 2, 'y')");
		long id = sql.number("""
				select ai.create_vectorizer('articles'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('m', 3), enqueue_existing => false)""");

		assertThat(sql.string("select source_pk from ai.vectorizer where id = ?", id)).isEqualTo(jsonb(
				"[{\"attnum\": 2, \"pknum\": 1, \"attname\": \"published\", \"typname\": \"timestamp with time zone\"},"
						+ " {\"attnum\": 1, \"pknum\": 2, \"attname\": \"title\", \"typname\": \"character varying(20)\"}]"));
		assertThat(sql.columns("public", "articles_embedding_store")).containsExactly(
				"embedding_uuid uuid not null default gen_random_uuid()", "title character varying(20) not null",
				"published timestamp with time zone not null", "chunk_seq integer not null", "chunk text not null",
				"embedding vector(3) not null");
		assertThat(sql.constraints("public.articles_embedding_store")).containsExactly("PRIMARY KEY (embedding_uuid)",
				"UNIQUE (published, title, chunk_seq)");
		assertThat(sql.columns("ai", "_vectorizer_q_" + id)).startsWith("title character varying(20) not null",
				"published timestamp with time zone not null");
		assertThat(sql.indexes("ai._vectorizer_q_" + id)).containsExactly("USING btree (published, title)");
		assertThat(sql.number("select count(*) from ai._vectorizer_q_" + id)).isZero();
		assertThat(sql.string("select pg_get_viewdef('articles_embedding'::regclass, true)"))
			.contains("t.title", "t.published", "s.price", "s.body", "t.published = s.published AND t.title::text = s.title::text");
	}

	@Test
	void columnDestinationAddsAVectorColumnAndNoTable() {
		sql.execute("create table notes (id uuid primary key default gen_random_uuid(), body text)");
		long id = sql.number("""
				select ai.create_vectorizer('notes'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_onnx(), chunking => ai.chunking_none(),
				  formatting => ai.formatting_chunk_value(), destination => ai.destination_column('body_embedding'))""");

		assertThat(sql.string("select config from ai.vectorizer where id = ?", id)).isEqualTo(jsonb("""
				{"version": "0.12.1",
				 "loading": {"implementation": "column", "config_type": "loading", "column_name": "body", "retries": 6},
				 "parsing": {"implementation": "auto", "config_type": "parsing"},
				 "embedding": {"implementation": "onnx", "config_type": "embedding", "model": "all-minilm-l6-v2", "dimensions": 384},
				 "chunking": {"implementation": "none", "config_type": "chunking"},
				 "indexing": {"implementation": "none", "config_type": "indexing"},
				 "formatting": {"implementation": "chunk_value", "config_type": "formatting"},
				 "scheduling": {"implementation": "none", "config_type": "scheduling"},
				 "processing": {"implementation": "default", "config_type": "processing"},
				 "destination": {"implementation": "column", "config_type": "destination", "embedding_column": "body_embedding"}}"""));
		assertThat(sql.string("select name from ai.vectorizer where id = ?", id)).isEqualTo("public_notes_body_embedding");
		assertThat(sql.columns("public", "notes")).containsExactly("id uuid not null default gen_random_uuid()", "body text",
				"body_embedding vector(384)");
		assertThat(sql.string("select attstorage::text from pg_attribute where attrelid = 'notes'::regclass"
				+ " and attname = 'body_embedding'")).isEqualTo("m");
		assertThat(sql.string("select to_regclass('notes_embedding_store')")).isNull();
		assertThat(sql.string("select to_regclass('notes_embedding')")).isNull();
		assertThat(sql.rows("select target_table, view, embedding_column from ai.vectorizer_status where id = ?", id))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("target_table", null)
				.containsEntry("view", null)
				.containsEntry("embedding_column", "body_embedding"));
	}

	@Test
	void existingEmbeddingColumnOfTheRightTypeIsReused() {
		sql.execute("create table prepared_notes (id int primary key, body text, embedding vector(384))");
		sql.number("""
				select ai.create_vectorizer('prepared_notes'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_onnx('bge-small-en-v1.5', 384), chunking => ai.chunking_none(),
				  destination => ai.destination_column('embedding'))""");
		assertThat(sql.columns("public", "prepared_notes")).containsExactly("id integer not null", "body text",
				"embedding vector(384)");
	}

	@Test
	void ifNotExistsReturnsTheExistingVectorizer() {
		sql.execute("create table repeated_docs (id int primary key, body text)");
		String create = """
				select ai.create_vectorizer('repeated_docs'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('m', 3), name => 'repeated', if_not_exists => %s)""";
		long id = sql.number(create.formatted("false"));
		String before = sql.snapshot();

		assertThat(sql.number(create.formatted("true"))).isEqualTo(id);
		assertThat(sql.snapshot()).isEqualTo(before);
		assertThat(sql.failure(create.formatted("false"))).startsWith("a vectorizer named repeated already exists.");
	}

	@Test
	void grantToGivesRolesAccessAndSkipsUnknownRoles() {
		String role = "pgai_t_reader_" + ProcessHandle.current().pid();
		sql.execute("drop role if exists " + role, "create role " + role,
				"create table shared_docs (id int primary key, body text)");
		try {
			long id = sql.number("select ai.create_vectorizer('shared_docs'::regclass, loading => ai.loading_column('body'),"
					+ " embedding => ai.embedding_openai('m', 3), grant_to => ai.grant_to('" + role
					+ "', 'pgai_t_no_such_role'))");
			for (String object : List.of("shared_docs", "shared_docs_embedding_store", "shared_docs_embedding",
					"ai._vectorizer_q_" + id, "ai._vectorizer_q_failed_" + id, "ai.vectorizer")) {
				assertThat(sql.bool("select has_table_privilege(?, ?, 'select')", role, object)).as(object).isTrue();
			}
			assertThat(sql.bool("select has_table_privilege(?, 'shared_docs_embedding_store', 'insert, delete')", role))
				.isTrue();
			assertThat(sql.bool("select has_table_privilege(?, 'shared_docs', 'insert')", role)).isFalse();
		}
		finally {
			sql.execute("grant " + role + " to current_user", "drop owned by " + role, "drop role " + role);
		}
	}

	@Test
	void grantToAddsTheRolesOfTheGrantToDefaultSetting(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select ai.grant_to()::text")).isEqualTo("{}");
			statement.execute("set ai.grant_to_default = 'alpha, beta'");
			assertThat(single(statement, "select ai.grant_to('gamma', 'alpha')::text")).isEqualTo("{alpha,beta,gamma}");
			assertThat(single(statement, "select ai.grant_to()::text")).isEqualTo("{alpha,beta}");
		}
	}

	@Test
	void defaultsResolveThroughTheIndexingSetting(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create table hnsw_default_docs (id int primary key, body text)");
			statement.execute("set ai.indexing_default = 'indexing_hnsw'");
			assertThat(single(statement, "select ai.create_vectorizer('hnsw_default_docs'::regclass,"
					+ " loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 3))"
					+ " is not null")).isEqualTo("t");
			assertThat(single(statement, "select config -> 'indexing' from ai.vectorizer"
					+ " where source_table = 'hnsw_default_docs'")).isEqualTo(jsonb(
							"{\"implementation\": \"hnsw\", \"config_type\": \"indexing\", \"min_rows\": 100000,"
									+ " \"opclass\": \"vector_cosine_ops\", \"create_when_queue_empty\": true}"));
		}
	}

	@Test
	void queueSchemaAndTableAreHonoured() {
		sql.execute("create schema work", "create table queued_docs (id int primary key, body text)");
		long id = sql.number("""
				select ai.create_vectorizer('queued_docs'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('m', 3), queue_schema => 'work', queue_table => 'queued_docs_q')""");

		assertThat(sql.rows("select queue_schema, queue_table, queue_failed_table from ai.vectorizer where id = ?", id))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("queue_schema", "work")
				.containsEntry("queue_table", "queued_docs_q")
				.containsEntry("queue_failed_table", "_vectorizer_q_failed_" + id));
		assertThat(sql.string("select to_regclass('work._vectorizer_q_failed_" + id + "')::text")).isNotNull();
		assertThat(sql.string("select pronamespace::regnamespace::text from pg_proc where proname = ?",
				"_vectorizer_src_trg_" + id)).isEqualTo("work");
		sql.execute("insert into queued_docs values (7, 'x')");
		assertThat(sql.number("select id from work.queued_docs_q")).isEqualTo(7);
	}

	@Test
	void moreThan2000DimensionsAreAcceptedForHnswUpTo4000() {
		sql.execute("create table large_docs (id int primary key, body text)");
		long id = sql.number("""
				select ai.create_vectorizer('large_docs'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('text-embedding-3-large', 3072), indexing => ai.indexing_hnsw())""");
		assertThat(sql.columns("public", "large_docs_embedding_store")).contains("embedding vector(3072) not null");
		assertThat(sql.string("select config -> 'indexing' ->> 'implementation' from ai.vectorizer where id = ?", id))
			.isEqualTo("hnsw");
		sql.execute("create table huge_docs (id int primary key, body text)");
		assertThat(sql.number("""
				select ai.create_vectorizer('huge_docs'::regclass, loading => ai.loading_column('body'),
				  embedding => ai.embedding_openai('huge', 4096), indexing => ai.indexing_none())""")).isPositive();
	}

	@Test
	void configHelpersBuildPgaisJson() {
		assertThat(sql.string("select ai.loading_column('body')::text")).isEqualTo(
				jsonb("{\"implementation\": \"column\", \"config_type\": \"loading\", \"column_name\": \"body\", \"retries\": 6}"));
		assertThat(sql.string("select ai.loading_uri('url', aws_role_arn => 'arn:aws:iam::1:role/r')::text")).isEqualTo(jsonb(
				"{\"implementation\": \"uri\", \"config_type\": \"loading\", \"column_name\": \"url\", \"retries\": 6,"
						+ " \"aws_role_arn\": \"arn:aws:iam::1:role/r\"}"));
		assertThat(sql.string("select ai.embedding_openai('m', 3, chat_user => 'u')::text")).isEqualTo(jsonb(
				"{\"implementation\": \"openai\", \"config_type\": \"embedding\", \"model\": \"m\", \"dimensions\": 3,"
						+ " \"user\": \"u\", \"api_key_name\": \"OPENAI_API_KEY\"}"));
		assertThat(sql.string("select ai.embedding_ollama('m', 3, options => '{\"num_ctx\": 1}')::text")).isEqualTo(jsonb(
				"{\"implementation\": \"ollama\", \"config_type\": \"embedding\", \"model\": \"m\", \"dimensions\": 3,"
						+ " \"options\": {\"num_ctx\": 1}}"));
		assertThat(sql.string("select ai.embedding_voyageai('voyage-3', 1024)::text")).isEqualTo(jsonb(
				"{\"implementation\": \"voyageai\", \"config_type\": \"embedding\", \"model\": \"voyage-3\", \"dimensions\": 1024,"
						+ " \"input_type\": \"document\", \"api_key_name\": \"VOYAGE_API_KEY\"}"));
		assertThat(sql.string("select ai.embedding_litellm('cohere/embed', 1024)::text")).isEqualTo(jsonb(
				"{\"implementation\": \"litellm\", \"config_type\": \"embedding\", \"model\": \"cohere/embed\", \"dimensions\": 1024}"));
		assertThat(sql.string("select ai.embedding_onnx('bge-small-en-v1.5')::text")).isEqualTo(jsonb(
				"{\"implementation\": \"onnx\", \"config_type\": \"embedding\", \"model\": \"bge-small-en-v1.5\", \"dimensions\": 384}"));
		assertThat(sql.string("select ai.chunking_character_text_splitter()::text")).isEqualTo(jsonb(
				"{\"implementation\": \"character_text_splitter\", \"config_type\": \"chunking\", \"chunk_size\": 800,"
						+ " \"chunk_overlap\": 400, \"separator\": \"\\n\\n\", \"is_separator_regex\": false}"));
		assertThat(sql.string("select ai.formatting_python_template()::text")).isEqualTo(
				jsonb("{\"implementation\": \"python_template\", \"config_type\": \"formatting\", \"template\": \"$chunk\"}"));
		assertThat(sql.string("select ai.destination_table()::text"))
			.isEqualTo(jsonb("{\"implementation\": \"table\", \"config_type\": \"destination\"}"));
		assertThat(sql.string("select ai.indexing_hnsw(m => 16)::text")).isEqualTo(jsonb(
				"{\"implementation\": \"hnsw\", \"config_type\": \"indexing\", \"min_rows\": 100000,"
						+ " \"opclass\": \"vector_cosine_ops\", \"m\": 16, \"create_when_queue_empty\": true}"));
		assertThat(sql.string("select ai.indexing_diskann()::text")).isEqualTo(jsonb(
				"{\"implementation\": \"diskann\", \"config_type\": \"indexing\", \"min_rows\": 100000,"
						+ " \"create_when_queue_empty\": true}"));
		assertThat(sql.string("select ai.scheduling_timescaledb()::text")).isEqualTo(jsonb(
				"{\"implementation\": \"timescaledb\", \"config_type\": \"scheduling\", \"schedule_interval\": \"00:05:00\"}"));
		assertThat(sql.string("select ai.processing_default(batch_size => 10)::text")).isEqualTo(
				jsonb("{\"implementation\": \"default\", \"config_type\": \"processing\", \"batch_size\": 10}"));
		assertThat(sql.string("select ai.parsing_docling()::text"))
			.isEqualTo(jsonb("{\"implementation\": \"docling\", \"config_type\": \"parsing\"}"));
	}

	@Test
	void quotedSpacedUpperCaseAndSqlIdentifiersWork() {
		sql.execute("create schema \"My Schema\"", """
				create table "My Schema"."Blog ""Posts""; drop table victim; --"
				  ("Post Id" int primary key, "Body Text" text, "Title" text)""",
				"create table victim (id int)");
		long id = sql.number("""
				select ai.create_vectorizer('"My Schema"."Blog ""Posts""; drop table victim; --"'::regclass,
				  name => 'odd_names', loading => ai.loading_column('Body Text'), embedding => ai.embedding_openai('m', 3),
				  formatting => ai.formatting_python_template('$Title: $chunk'))""");
		sql.execute("insert into \"My Schema\".\"Blog \"\"Posts\"\"; drop table victim; --\" values (1, 'b', 't')");

		assertThat(sql.string("select to_regclass('victim')::text")).isEqualTo("victim");
		assertThat(sql.rows("select config -> 'destination' ->> 'target_table' as target,"
				+ " config -> 'destination' ->> 'view_name' as view from ai.vectorizer where id = ?", id))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("target", "Blog \"Posts\"; drop table victim; --_embedding_store")
				.containsEntry("view", "Blog \"Posts\"; drop table victim; --_embedding"));
		assertThat(sql.columns("My Schema", "Blog \"Posts\"; drop table victim; --_embedding_store"))
			.contains("\"Post Id\" integer not null");
		assertThat(sql.number("select \"Post Id\" from ai._vectorizer_q_" + id)).isEqualTo(1);
		assertThat(sql.failure("""
				select ai.create_vectorizer('"My Schema"."Blog ""Posts""; drop table victim; --"'::regclass,
				  loading => ai.loading_column('Body Text'), embedding => ai.embedding_openai('m', 3),
				  destination => ai.destination_table('again'))"""))
			.contains("derived from the target schema and table is not a valid name",
					"HINT: pass name => 'my_schema_again_store'");
	}

	private static String config(long id) {
		return sql.string("select config::text from ai.vectorizer where id = ?", id);
	}

	/** The canonical text of a JSON document, as jsonb prints it. */
	private static String jsonb(String json) {
		return sql.string("select ?::jsonb::text", json);
	}

	private static String expectedSeedConfig(String table) {
		return """
				{"version": "0.12.1",
				 "loading": {"implementation": "column", "config_type": "loading", "column_name": "content", "retries": 6},
				 "parsing": {"implementation": "auto", "config_type": "parsing"},
				 "embedding": {"implementation": "openai", "config_type": "embedding", "model": "text-embedding-3-small",
				   "dimensions": 768, "api_key_name": "OPENAI_API_KEY"},
				 "chunking": {"implementation": "recursive_character_text_splitter", "config_type": "chunking",
				   "chunk_size": 50, "chunk_overlap": 10, "separators": ["\\n\\n", "\\n", ".", "?", "!", " ", ""],
				   "is_separator_regex": false},
				 "indexing": {"implementation": "none", "config_type": "indexing"},
				 "formatting": {"implementation": "python_template", "config_type": "formatting", "template": "$chunk"},
				 "scheduling": {"implementation": "none", "config_type": "scheduling"},
				 "processing": {"implementation": "default", "config_type": "processing"},
				 "destination": {"implementation": "table", "config_type": "destination", "target_schema": "public",
				   "target_table": "TABLE_embedding_store", "view_schema": "public", "view_name": "TABLE_embedding"}}"""
			.replace("TABLE", table);
	}

	private static String single(Statement statement, String query) throws SQLException {
		try (ResultSet rs = statement.executeQuery(query)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
