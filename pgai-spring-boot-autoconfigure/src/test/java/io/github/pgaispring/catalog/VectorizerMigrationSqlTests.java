package io.github.pgaispring.catalog;

import java.sql.Connection;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ai.migrate_vectorizer}, {@code ai.finish_vectorizer_migration} and {@code ai.cancel_vectorizer_migration}
 * in SQL, with the worker's part (embedding the new store's queue) done by hand: the new store beside the current
 * one, both queues filled by the triggers, the switch that gives the new objects the current names, the checks it
 * waits for, and what applies in place.
 */
@PostgresTest
class VectorizerMigrationSqlTests {

	private static CatalogSql sql;

	private static final String READER = "pgai_t_migration_reader_" + ProcessHandle.current().pid();

	private static DataSource dataSource;

	@BeforeAll
	static void installCatalog(DataSource database) {
		dataSource = database;
		sql = CatalogSql.installedIn(database);
		sql.execute("drop role if exists " + READER, "create role " + READER,
				"grant " + READER + " to current_user");
	}

	@AfterAll
	static void dropReader() {
		sql.execute("drop owned by " + READER, "drop role " + READER);
	}

	@Test
	void startBuildsANewStoreBesideTheCurrentOneWithEveryRowQueued() {
		long id = vectorizer("started", 3);
		embedCurrent("started", id);
		sql.execute("grant select on started_embedding_store to " + READER,
				"select ai.set_text_indexing(" + id + ")");

		assertThat(migrate("started", "formatting => ai.formatting_python_template('$title: $chunk')")).isEqualTo("started");

		long target = sql.number("select id from ai.vectorizer where name = 'started_content_next'");
		assertThat(sql.string("select config -> 'formatting' ->> 'template' from ai.vectorizer where id = ?", target))
			.isEqualTo("$title: $chunk");
		assertThat(sql.string("select config -> 'destination' ->> 'target_table' from ai.vectorizer where id = ?", target))
			.isEqualTo("started_embedding_store_next");
		assertThat(sql.number("select count(*) from ai._vectorizer_q_" + target)).as("every source row").isEqualTo(3);
		assertThat(sql.number("select count(*) from started_embedding_store")).as("the current store serves").isEqualTo(3);
		assertThat(sql.number("select count(*) from ai._vectorizer_q_" + id)).isZero();
		assertThat(sql.bool("select has_table_privilege('" + READER + "', 'started_embedding_store_next', 'select')"))
			.as("grants of the current store").isTrue();
		assertThat(sql.columns("public", "started_embedding_store_next")).anyMatch((column) -> column.startsWith("chunk_tsv"));
		assertThat(sql.rows("select name, target_name, backfill_rows, pending_items from ai.vectorizer_migration_status where name = 'started_content'"))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("name", "started_content")
				.containsEntry("target_name", "started_content_next")
				.containsEntry("backfill_rows", 3L)
				.containsEntry("pending_items", 3L));

		assertThat(migrate("started", "formatting => ai.formatting_python_template('$title: $chunk')"))
			.as("the same definition again, from another application instance").isEqualTo("running");
		assertThat(sql.number("select count(*) from ai.vectorizer where name like 'started%'")).isEqualTo(2);
		assertThat(migrate("started", "formatting => ai.formatting_python_template('$title | $chunk')")).isEqualTo("restarted");
		assertThat(sql.strings("select name from ai.vectorizer where name like 'started%' order by id")).containsExactly("started_content",
				"started_content_next");
		assertThat(sql.string("select config -> 'formatting' ->> 'template' from ai.vectorizer where name = 'started_content_next'"))
			.isEqualTo("$title | $chunk");
		assertThat(migrate("started", "formatting => ai.formatting_python_template('$title - $chunk')"))
			.as("back to the current definition").isEqualTo("cancelled");
		assertThat(sql.strings("select name from ai.vectorizer where name like 'started%'")).containsExactly("started_content");
		assertThat(sql.bool("select to_regclass('started_embedding_store_next') is null")).isTrue();
		assertThat(sql.number("select count(*) from ai.vectorizer_migration_status where name = 'started_content'")).isZero();
	}

	@Test
	void rowsChangedDuringTheMigrationReachBothQueuesAndDeletesBothStores() {
		long id = vectorizer("changed", 2);
		embedCurrent("changed", id);
		migrate("changed", "formatting => ai.formatting_python_template('$title: $chunk')");
		long target = targetId("changed");
		embed("changed_embedding_store_next", target, "$title: $chunk");

		sql.execute("insert into changed values (3, 'Third', 'three')", "update changed set body = 'one!' where id = 1",
				"delete from changed where id = 2");

		assertThat(sql.strings("select id::text from ai._vectorizer_q_" + id + " order by id")).containsExactly("1", "3");
		assertThat(sql.strings("select id::text from ai._vectorizer_q_" + target + " order by id")).containsExactly("1", "3");
		assertThat(sql.strings("select distinct id::text from changed_embedding_store order by 1")).containsExactly("1");
		assertThat(sql.strings("select distinct id::text from changed_embedding_store_next order by 1")).containsExactly("1");
	}

	@Test
	void theSwitchGivesTheNewObjectsTheCurrentNamesAndDropsTheOldOnes() {
		long id = vectorizer("switched", 3);
		embedCurrent("switched", id);
		sql.execute("grant select on switched_embedding_store, switched_embedding to " + READER,
				"select ai.set_text_indexing(" + id + ")");
		migrate("switched", "formatting => ai.formatting_python_template('$title: $chunk'), processing => ai.processing_default(batch_size => 7)");
		long target = targetId("switched");
		assertThat(finish("switched")).as("the new store is still empty").isEqualTo("waiting");
		assertThat(sql.string("select waiting_for from ai.vectorizer_migration_status where name = 'switched_content'")).isEqualTo("3 queued rows");

		embed("switched_embedding_store_next", target, "$title: $chunk");
		assertThat(sql.string("select coalesce(waiting_for, 'nothing') from ai.vectorizer_migration_status where name = 'switched_content'"))
			.isEqualTo("nothing");
		assertThat(finish("switched")).isEqualTo("switched");

		assertThat(sql.strings("select id || ' ' || name from ai.vectorizer where name like 'switched%'"))
			.containsExactly(id + " switched_content");
		String config = "select config #>> ?::text[] from ai.vectorizer where id = " + id;
		assertThat(sql.string(config, "{formatting,template}")).isEqualTo("$title: $chunk");
		assertThat(sql.string(config, "{processing,batch_size}")).isEqualTo("7");
		assertThat(sql.string(config, "{destination,target_table}")).isEqualTo("switched_embedding_store");
		assertThat(sql.string(config, "{text_indexing,language}")).isEqualTo("english");
		assertThat(sql.strings("select chunk from switched_embedding_store order by id"))
			.containsExactly("First: one", "Second: two", "Third: three");
		assertThat(sql.strings("select chunk from switched_embedding order by id"))
			.as("the view reads the new store").containsExactly("First: one", "Second: two", "Third: three");
		assertThat(sql.strings("select relname::text from pg_class where relname like 'switched%' "
				+ "or relname ~ ('^_vectorizer_q_(failed_)?(' || ? || '|' || ? || ')(_|$)') order by 1", String.valueOf(id), String.valueOf(target))).containsExactly("_vectorizer_q_" + id, "_vectorizer_q_" + id + "_id_idx",
						"_vectorizer_q_failed_" + id, "_vectorizer_q_failed_" + id + "_id_idx", "switched", "switched_embedding",
						"switched_embedding_store", "switched_embedding_store_chunk_tsv_idx",
						"switched_embedding_store_id_chunk_seq_key", "switched_embedding_store_pkey", "switched_pkey");
		assertThat(sql.strings("select tgname::text from pg_trigger where tgrelid = 'switched'::regclass order by 1"))
			.containsExactly("_vectorizer_src_trg_" + id, "_vectorizer_src_trg_" + id + "_notify",
					"_vectorizer_src_trg_" + id + "_truncate");
		assertThat(sql.string("select encode(tgargs, 'escape') from pg_trigger where tgname = ?",
				"_vectorizer_src_trg_" + id + "_notify")).as("the wake-up names the renamed queue")
			.isEqualTo("ai._vectorizer_q_" + id + "\\000");
		assertThat(sql.strings("select proname::text from pg_proc where proname in (?, ?)", "_vectorizer_src_trg_" + id,
				"_vectorizer_src_trg_" + target))
			.containsExactly("_vectorizer_src_trg_" + id);
		assertThat(sql.bool("select has_table_privilege('" + READER + "', 'switched_embedding_store', 'select')"
				+ " and has_table_privilege('" + READER + "', 'switched_embedding', 'select')")).isTrue();
		assertThat(sql.number("select count(*) from ai.pgai_spring_vectorizer_migration where vectorizer_id = ?", id)).isZero();
		assertThat(finish("switched")).isEqualTo("none");

		sql.execute("insert into switched values (4, 'Fourth', 'four')", "delete from switched where id = 1");
		assertThat(sql.strings("select id::text from ai._vectorizer_q_" + id)).as("the trigger queues for the vectorizer")
			.containsExactly("4");
		assertThat(sql.strings("select id::text from switched_embedding_store order by id")).containsExactly("2", "3");
	}

	@Test
	void changesThatNeedNoReEmbeddingApplyInPlace() {
		long id = vectorizer("inplace", 1);
		embedCurrent("inplace", id);
		assertThat(migrate("inplace", "processing => ai.processing_default(batch_size => 5, concurrency => 2), "
				+ "indexing => ai.indexing_hnsw(min_rows => 10)")).isEqualTo("updated");
		assertThat(sql.strings("select name from ai.vectorizer where name like 'inplace%'")).containsExactly("inplace_content");
		assertThat(sql.string("select (config -> 'processing' ->> 'batch_size') || ' ' || (config -> 'processing' ->> 'concurrency') "
				+ "|| ' ' || (config -> 'indexing' ->> 'implementation') from ai.vectorizer where id = ?", id)).isEqualTo("5 2 hnsw");
		assertThat(sql.number("select count(*) from ai._vectorizer_q_" + id)).as("nothing re-queued").isZero();
		assertThat(migrate("inplace", "processing => ai.processing_default(batch_size => 5, concurrency => 2)"))
			.isEqualTo("unchanged");
	}

	@Test
	void theSwitchWaitsForRowsTheNewDefinitionFailedAndForTheVectorIndex() {
		long id = vectorizer("blocked", 2);
		embedCurrent("blocked", id);
		sql.execute("create index on blocked_embedding_store using hnsw (embedding vector_cosine_ops)");
		migrate("blocked", "formatting => ai.formatting_python_template('$title: $chunk'), indexing => ai.indexing_hnsw(min_rows => 1)");
		long target = targetId("blocked");
		embed("blocked_embedding_store_next", target, "$title: $chunk");
		sql.execute("delete from blocked_embedding_store_next where id = 2",
				"insert into ai._vectorizer_q_failed_" + target + " (id, failure_step) values (2, 'embedding')");

		assertThat(sql.string("select waiting_for from ai.vectorizer_migration_status where name = 'blocked_content'"))
			.startsWith("1 rows that the new configuration failed to embed");
		assertThat(finish("blocked")).isEqualTo("waiting");
		sql.execute("insert into ai._vectorizer_q_failed_" + id + " (id, failure_step) values (2, 'embedding')");
		assertThat(sql.string("select waiting_for from ai.vectorizer_migration_status where name = 'blocked_content'"))
			.as("a row the current definition failed too").isEqualTo("the vector index of the new store");
		assertThat(finish("blocked")).isEqualTo("waiting");

		sql.execute("create index on blocked_embedding_store_next using hnsw (embedding vector_cosine_ops)");
		assertThat(finish("blocked")).isEqualTo("switched");
		assertThat(sql.indexes("blocked_embedding_store")).contains("USING hnsw (embedding vector_cosine_ops)");
	}

	@Test
	void aSwitchThatCannotGetItsLocksInTimeWaitsAndChangesNothing() throws Exception {
		long id = vectorizer("busy", 1);
		embedCurrent("busy", id);
		migrate("busy", "formatting => ai.formatting_python_template('$title: $chunk')");
		embed("busy_embedding_store_next", targetId("busy"), "$title: $chunk");
		try (Connection reader = dataSource.getConnection()) {
			reader.setAutoCommit(false);
			reader.createStatement().executeQuery("select count(*) from busy_embedding_store").close();
			long started = System.nanoTime();
			assertThat(finish("busy")).isEqualTo("waiting");
			assertThat((System.nanoTime() - started) / 1_000_000).as("lock_timeout of 200 ms").isLessThan(2000);
			reader.rollback();
		}
		assertThat(sql.strings("select name from ai.vectorizer where name like 'busy%' order by id")).containsExactly("busy_content", "busy_content_next");
		assertThat(sql.string("select current_setting('lock_timeout')")).isEqualTo("0");
		assertThat(finish("busy")).isEqualTo("switched");
	}

	@Test
	void newDimensionsGetTheViewCreatedAgainWithItsGrants() {
		long id = vectorizer("resized", 1);
		embedCurrent("resized", id);
		sql.execute("grant select on resized_embedding to " + READER);
		migrate("resized", "embedding => ai.embedding_openai('text-embedding-3-small', 4)");
		long target = targetId("resized");
		sql.execute("insert into resized_embedding_store_next (id, chunk_seq, chunk, embedding) select id, 0, body, '[1,0,0,0]' from resized",
				"delete from ai._vectorizer_q_" + target);
		assertThat(finish("resized")).isEqualTo("switched");
		assertThat(sql.columns("public", "resized_embedding")).contains("embedding vector(4)");
		assertThat(sql.bool("select has_table_privilege('" + READER + "', 'resized_embedding', 'select')")).isTrue();
	}

	@Test
	void cancellingOrDroppingEndsTheMigrationWithItsNewStore() {
		long id = vectorizer("cancelled", 1);
		migrate("cancelled", "formatting => ai.formatting_python_template('$title: $chunk')");
		assertThat(sql.bool("select ai.cancel_vectorizer_migration('cancelled_content')")).isTrue();
		assertThat(sql.bool("select ai.cancel_vectorizer_migration('cancelled_content')")).isFalse();
		assertThat(sql.bool("select to_regclass('cancelled_embedding_store_next') is null")).isTrue();

		migrate("cancelled", "formatting => ai.formatting_python_template('$title: $chunk')");
		sql.execute("select ai.drop_vectorizer('cancelled_content_next', drop_all => true)");
		assertThat(finish("cancelled")).as("the new version was dropped by hand").isEqualTo("none");

		migrate("cancelled", "formatting => ai.formatting_python_template('$title: $chunk')");
		sql.execute("select ai.drop_vectorizer(" + id + ", drop_all => true)");
		assertThat(sql.number("select count(*) from ai.vectorizer where name like 'cancelled%'")).isZero();
		assertThat(sql.number("select count(*) from ai.pgai_spring_vectorizer_migration where vectorizer_id = ?", id)).isZero();
	}

	@Test
	void unsupportedMigrationsFailClearly() {
		sql.execute("create table columned (id int primary key, body text)");
		sql.execute("select ai.create_vectorizer('columned', name => 'columned_body', loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('text-embedding-3-small', 3), chunking => ai.chunking_none(),"
				+ " destination => ai.destination_column('embedding'))");
		assertThat(sql.failure("select ai.migrate_vectorizer('columned_body', embedding => ai.embedding_openai('text-embedding-3-small', 4))"))
			.contains("stores its embeddings in a column of its source table").contains("on-change=recreate");
		assertThat(sql.failure("select ai.migrate_vectorizer('no_such_vectorizer')")).contains("there is no vectorizer named");
		vectorizer("nested", 1);
		migrate("nested", "formatting => ai.formatting_python_template('$title: $chunk')");
		assertThat(sql.failure("select ai.migrate_vectorizer('nested_content_next', chunking => ai.chunking_none())"))
			.contains("is the new version of a vectorizer being migrated");
	}

	private static long vectorizer(String table, int rows) {
		sql.execute("create table " + table + " (id int primary key, title text, body text)",
				"insert into " + table + " select i, (array['First', 'Second', 'Third'])[i], (array['one', 'two', 'three'])[i]"
						+ " from generate_series(1, " + rows + ") i");
		return sql.number("select ai.create_vectorizer(?::regclass, name => ? || '_content', loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('text-embedding-3-small', 3), chunking => ai.chunking_none(),"
				+ " formatting => ai.formatting_python_template('$title - $chunk'))", table, table);
	}

	private static String migrate(String table, String parts) {
		return sql.string("select ai.migrate_vectorizer('" + table + "_content', " + parts + ")");
	}

	private static String finish(String table) {
		return sql.string("select ai.finish_vectorizer_migration('" + table + "_content')");
	}

	private static long targetId(String table) {
		return sql.number("select id from ai.vectorizer where name = ? || '_content_next'", table);
	}

	private static void embedCurrent(String table, long id) {
		embed(table + "_embedding_store", id, "$title - $chunk");
	}

	/** What a worker does: every queued row written to the store with the template, the queue emptied. */
	private static void embed(String store, long vectorizerId, String template) {
		String table = store.replaceFirst("_embedding_store(_next)?$", "");
		sql.execute("insert into " + store + " (id, chunk_seq, chunk, embedding) select s.id, 0, "
				+ "replace(replace('" + template + "', '$title', s.title), '$chunk', s.body), '[1,0,0]' from " + table
				+ " s where s.id in (select id from ai._vectorizer_q_" + vectorizerId + ")",
				"delete from ai._vectorizer_q_" + vectorizerId);
	}

}
