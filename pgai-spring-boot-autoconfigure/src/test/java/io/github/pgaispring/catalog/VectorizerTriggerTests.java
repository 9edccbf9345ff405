package io.github.pgaispring.catalog;

import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source-table triggers fill the queue and clean the target table as pgai's do (reference §2.2).
 */
@PostgresTest
class VectorizerTriggerTests {

	private static CatalogSql sql;

	@BeforeAll
	static void installCatalog(DataSource dataSource) {
		sql = CatalogSql.installedIn(dataSource);
	}

	@Test
	void tableDestinationFollowsEveryRowOfTheTriggerTable() {
		long id = tableVectorizer("docs", "id int primary key, title text, body text");
		String queue = "ai._vectorizer_q_" + id;

		sql.execute("insert into docs values (1, 'one', 'first'), (2, 'two', 'second')");
		assertThat(queued(queue)).containsExactly("1", "2");

		sql.execute("truncate " + queue, "update docs set body = body, title = title");
		assertThat(queued(queue)).as("no-op update").isEmpty();

		sql.execute("update docs set title = 'uno' where id = 1");
		assertThat(queued(queue)).as("any changed column enqueues").containsExactly("1");

		sql.execute("truncate " + queue);
		storeChunks("docs_embedding_store", "id", "1", "2");
		sql.execute("update docs set id = 10 where id = 1");
		assertThat(queued(queue)).as("key change enqueues the new key").containsExactly("10");
		assertThat(stored("docs_embedding_store", "id")).as("key change deletes the old key's chunks")
			.containsExactly("2", "2");

		sql.execute("truncate " + queue, "delete from docs where id = 2");
		assertThat(queued(queue)).as("delete enqueues nothing").isEmpty();
		assertThat(stored("docs_embedding_store", "id")).as("delete removes the chunks").isEmpty();

		storeChunks("docs_embedding_store", "id", "10");
		sql.execute("insert into docs values (3, 'three', 'third')", "truncate docs");
		assertThat(queued(queue)).as("truncate empties the queue").isEmpty();
		assertThat(stored("docs_embedding_store", "id")).as("truncate empties the store").isEmpty();
	}

	@Test
	void compositeTextAndTimestampKeysAreTrackedPerRow() {
		long id = tableVectorizer("events", "name text, at timestamptz, body text, primary key (name, at)");
		String queue = "ai._vectorizer_q_" + id;
		String when = "'2024-05-01T10:00:00Z'";

		sql.execute("insert into events values ('launch', " + when + ", 'x'), ('launch', " + when + "::timestamptz"
				+ " + interval '1 day', 'y')");
		assertThat(sql.number("select count(*) from " + queue)).isEqualTo(2);

		sql.execute("truncate " + queue);
		storeChunks("events_embedding_store", "name, at", "'launch', " + when, "'launch', " + when
				+ "::timestamptz + interval '1 day'");
		sql.execute("update events set at = at + interval '1 hour' where at = " + when);
		assertThat(sql.strings("select name || ' ' || to_char(at at time zone 'UTC', 'HH24') from " + queue))
			.containsExactly("launch 11");
		assertThat(sql.number("select count(*) from events_embedding_store")).isEqualTo(2);
		assertThat(sql.number("select count(*) from events_embedding_store where at = " + when)).isZero();

		sql.execute("delete from events where body = 'y'");
		assertThat(sql.number("select count(*) from events_embedding_store")).isZero();
	}

	@Test
	void enqueueExistingControlsTheInitialQueue() {
		sql.execute("create table preloaded (id text primary key, body text)",
				"insert into preloaded values ('a', 'x'), ('b', 'y')");
		long queuedId = sql.number("select ai.create_vectorizer('preloaded'::regclass, name => 'preloaded_all',"
				+ " loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 3),"
				+ " destination => ai.destination_table('preloaded_all'))");
		long emptyId = sql.number("select ai.create_vectorizer('preloaded'::regclass, name => 'preloaded_none',"
				+ " loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 3),"
				+ " destination => ai.destination_table('preloaded_none'), enqueue_existing => false)");

		assertThat(queued("ai._vectorizer_q_" + queuedId)).containsExactly("a", "b");
		assertThat(queued("ai._vectorizer_q_" + emptyId)).isEmpty();
	}

	@Test
	void columnDestinationEnqueuesInsertsAndRealUpdatesButIgnoresItsEmbeddingColumn() {
		sql.execute("create table cards (id int primary key, body text)");
		long columnId = sql.number("select ai.create_vectorizer('cards'::regclass, loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3), chunking => ai.chunking_none(),"
				+ " destination => ai.destination_column('body_embedding'))");
		long tableId = sql.number("select ai.create_vectorizer('cards'::regclass, loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3))");
		String columnQueue = "ai._vectorizer_q_" + columnId;
		String tableQueue = "ai._vectorizer_q_" + tableId;

		sql.execute("insert into cards values (1, 'a'), (2, 'b')");
		assertThat(queued(columnQueue)).containsExactly("1", "2");

		sql.execute("truncate " + columnQueue, "truncate " + tableQueue,
				"update cards set body_embedding = '[1,2,3]' where id = 1");
		assertThat(queued(columnQueue)).as("writing the embedding does not re-enqueue").isEmpty();
		assertThat(queued(tableQueue)).as("nor for other vectorizers on the table").isEmpty();

		sql.execute("update cards set body = 'changed' where id = 2");
		assertThat(queued(columnQueue)).containsExactly("2");

		sql.execute("truncate " + columnQueue, "delete from cards where id = 1");
		assertThat(queued(columnQueue)).as("delete does nothing for a column destination").isEmpty();

		sql.execute("insert into cards values (3, 'c')");
		sql.execute("truncate cards");
		assertThat(queued(columnQueue)).as("truncate leaves a column destination's queue alone").containsExactly("3");
	}

	@Test
	void triggerFunctionsAreRebuiltWhenTheirDefinitionChanges(DataSource dataSource) {
		long id = tableVectorizer("rebuilt", "id int primary key, body text");
		String function = "ai._vectorizer_src_trg_" + id + "()";
		sql.execute("create or replace function " + function + " returns trigger language plpgsql as 'begin return null; end'");
		sql.execute("update ai.pgai_spring_catalog set scripts_checksum = 'outdated'");

		new CatalogInstaller(dataSource).install();

		sql.execute("insert into rebuilt values (1, 'x')");
		assertThat(queued("ai._vectorizer_q_" + id)).containsExactly("1");
	}

	private static long tableVectorizer(String table, String columns) {
		sql.execute("create table " + table + " (" + columns + ")");
		return sql.number("select ai.create_vectorizer(?::regclass, loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3))", table);
	}

	private static List<String> queued(String queue) {
		return sql.strings("select concat_ws(',', " + keyColumns(queue) + ") from " + queue + " order by 1");
	}

	private static String keyColumns(String queue) {
		return String.join(", ", sql.strings("select attname::text from pg_attribute where attrelid = ?::regclass"
				+ " and attnum > 0 and attname not in ('queued_at', 'loading_retries', 'loading_retry_after')"
				+ " order by attnum", queue));
	}

	/** Writes two chunks for each key, as the worker would. */
	private static void storeChunks(String store, String keyColumns, String... keys) {
		for (String key : keys) {
			for (int seq = 0; seq < 2; seq++) {
				sql.execute("insert into " + store + " (" + keyColumns + ", chunk_seq, chunk, embedding) values (" + key
						+ ", " + seq + ", 'chunk', '[1,2,3]')");
			}
		}
	}

	private static List<String> stored(String store, String keyColumn) {
		return sql.strings("select " + keyColumn + "::text from " + store + " order by 1");
	}

}
