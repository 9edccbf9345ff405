package io.github.pgaispring.catalog;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managing vectorizers: dropping them, counting their queues, disabling them, and building their vector index.
 */
@PostgresTest
class DropVectorizerTests {

	private static CatalogSql sql;

	@BeforeAll
	static void installCatalog(DataSource dataSource) {
		sql = CatalogSql.installedIn(dataSource);
	}

	@Test
	void dropByIdRemovesTriggersQueuesAndRowButKeepsTheEmbeddings() {
		long id = vectorizer("kept", "");
		sql.execute("insert into kept values (1, 'x')");

		sql.execute("select ai.drop_vectorizer(" + id + ")");

		assertThat(sql.number("select count(*) from ai.vectorizer where id = ?", id)).isZero();
		assertThat(sql.number("select count(*) from pg_trigger where tgrelid = 'kept'::regclass")).isZero();
		assertThat(sql.number("select count(*) from pg_proc where proname = ?", "_vectorizer_src_trg_" + id)).isZero();
		assertThat(sql.string("select to_regclass('ai._vectorizer_q_" + id + "')")).isNull();
		assertThat(sql.string("select to_regclass('ai._vectorizer_q_failed_" + id + "')")).isNull();
		assertThat(sql.string("select to_regclass('kept_embedding_store')::text")).isEqualTo("kept_embedding_store");
		assertThat(sql.string("select to_regclass('kept_embedding')::text")).isEqualTo("kept_embedding");
		sql.execute("insert into kept values (2, 'y')");
	}

	@Test
	void dropAllByNameAlsoRemovesStoreAndView() {
		long id = vectorizer("gone", "");

		sql.execute("select ai.drop_vectorizer('public_gone_embedding_store', drop_all => true)");

		assertThat(sql.number("select count(*) from ai.vectorizer where id = ?", id)).isZero();
		assertThat(sql.string("select to_regclass('gone_embedding_store')")).isNull();
		assertThat(sql.string("select to_regclass('gone_embedding')")).isNull();
		assertThat(sql.string("select to_regclass('gone')::text")).isEqualTo("gone");
	}

	@Test
	void dropAllKeepsTheEmbeddingColumnOfAColumnDestination() {
		long id = vectorizer("column_kept", ", chunking => ai.chunking_none(), destination => ai.destination_column('emb')");

		sql.execute("select ai.drop_vectorizer(" + id + ", drop_all => true)");

		assertThat(sql.columns("public", "column_kept")).contains("emb vector(3)");
		assertThat(sql.number("select count(*) from pg_trigger where tgrelid = 'column_kept'::regclass")).isZero();
	}

	@Test
	void unknownNamesAndIdsFailClearly() {
		String before = sql.snapshot();
		assertThat(sql.failure("select ai.drop_vectorizer('no_such_vectorizer')"))
			.contains("there is no vectorizer named \"no_such_vectorizer\"");
		assertThat(sql.failure("select ai.drop_vectorizer(987654)")).contains("there is no vectorizer with id 987654");
		assertThat(sql.failure("select ai.vectorizer_queue_pending('nope')")).contains("there is no vectorizer named \"nope\"");
		assertThat(sql.failure("select ai.disable_vectorizer_schedule(987654)"))
			.contains("there is no vectorizer with id 987654");
		assertThat(sql.sqlState("select ai.enable_vectorizer_schedule('nope')")).isEqualTo("42704");
		assertThat(sql.snapshot()).isEqualTo(before);
	}

	@Test
	void queuePendingCountsUpTo10000UnlessExact() {
		long id = vectorizer("pending", ", enqueue_existing => false");
		sql.execute("insert into pending select i, 'x' from generate_series(1, 3) i");
		assertThat(sql.number("select ai.vectorizer_queue_pending(" + id + ")")).isEqualTo(3);
		assertThat(sql.number("select ai.vectorizer_queue_pending('public_pending_embedding_store', exact_count => true)"))
			.isEqualTo(3);

		sql.execute("insert into ai._vectorizer_q_" + id + " (id) select i from generate_series(4, 10001) i");
		assertThat(sql.number("select ai.vectorizer_queue_pending(" + id + ")")).isEqualTo(Long.MAX_VALUE);
		assertThat(sql.number("select ai.vectorizer_queue_pending(" + id + ", true)")).isEqualTo(10001);
		assertThat(sql.number("select pending_items from ai.vectorizer_status where id = ?", id)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void disableAndEnableSetTheDisabledFlag() {
		long id = vectorizer("paused", "");
		sql.execute("select ai.disable_vectorizer_schedule(" + id + ")");
		assertThat(sql.bool("select disabled from ai.vectorizer where id = ?", id)).isTrue();
		sql.execute("select ai.enable_vectorizer_schedule('public_paused_embedding_store')");
		assertThat(sql.bool("select disabled from ai.vectorizer where id = ?", id)).isFalse();
		sql.execute("select ai.disable_vectorizer_schedule('public_paused_embedding_store')");
		assertThat(sql.bool("select disabled from ai.vectorizer_status where id = ?", id)).isTrue();
		sql.execute("select ai.enable_vectorizer_schedule(" + id + ")");
		assertThat(sql.bool("select disabled from ai.vectorizer where id = ?", id)).isFalse();
	}

	@Test
	void hnswIndexIsBuiltOnceTheQueueIsEmptyAndMinRowsAreEmbedded() {
		long id = vectorizer("indexed", ", indexing => ai.indexing_hnsw(min_rows => 2, m => 8)");
		sql.execute("insert into indexed values (1, 'x')");
		assertThat(indexReady(id)).as("queue not empty").isFalse();

		sql.execute("truncate ai._vectorizer_q_" + id, "insert into indexed_embedding_store (id, chunk_seq, chunk, embedding)"
				+ " values (1, 0, 'x', '[1,0,0]')");
		assertThat(indexReady(id)).as("below min_rows").isFalse();

		sql.execute("insert into indexed_embedding_store (id, chunk_seq, chunk, embedding) values (1, 1, 'y', '[0,1,0]')");
		assertThat(indexReady(id)).isTrue();
		assertThat(sql.bool("select ai._vectorizer_create_vector_index_if_ready(" + id + ")")).isTrue();
		assertThat(sql.indexes("indexed_embedding_store"))
			.contains("USING hnsw (embedding vector_cosine_ops) WITH (m='8')");
		assertThat(indexReady(id)).as("index exists").isFalse();
		assertThat(sql.bool("select ai._vectorizer_create_vector_index_if_ready(" + id + ")")).isFalse();
	}

	@Test
	void moreThan2000DimensionsAreIndexedAsHalfvec() {
		long id = vectorizerWith("wide", ", embedding => ai.embedding_openai('large', 3072),"
				+ " indexing => ai.indexing_hnsw(min_rows => 0, opclass => 'vector_l2_ops')");
		sql.execute("truncate ai._vectorizer_q_" + id);

		assertThat(sql.bool("select ai._vectorizer_create_vector_index_if_ready(" + id + ")")).isTrue();
		assertThat(sql.indexes("wide_embedding_store"))
			.contains("USING hnsw (((embedding)::halfvec(3072)) halfvec_l2_ops)");
		assertThat(sql.bool("select ai._vectorizer_vector_index_exists('public', 'wide_embedding_store',"
				+ " ai.indexing_hnsw())")).isTrue();
	}

	@Test
	void columnDestinationIsIndexedOnTheSourceColumnEvenWhenTheQueueHasRows() {
		long id = vectorizer("indexed_column", ", chunking => ai.chunking_none(), destination => ai.destination_column('emb'),"
				+ " indexing => ai.indexing_hnsw(min_rows => 0, opclass => 'vector_ip_ops', create_when_queue_empty => false)");
		sql.execute("insert into indexed_column values (1, 'x')");

		assertThat(sql.bool("select ai._vectorizer_create_vector_index_if_ready(" + id + ")")).isTrue();
		assertThat(sql.indexes("indexed_column")).contains("USING hnsw (emb vector_ip_ops)");
	}

	@Test
	void noIndexingNeverBuildsAnIndex() {
		long id = vectorizer("unindexed", ", indexing => ai.indexing_none(), enqueue_existing => false");
		assertThat(indexReady(id)).isFalse();
		assertThat(sql.bool("select ai._vectorizer_create_vector_index_if_ready(" + id + ")")).isFalse();
	}

	private static long vectorizer(String table, String arguments) {
		return vectorizerWith(table, ", embedding => ai.embedding_openai('m', 3)" + arguments);
	}

	private static long vectorizerWith(String table, String arguments) {
		sql.execute("create table " + table + " (id int primary key, body text)");
		return sql.number("select ai.create_vectorizer('" + table + "'::regclass, loading => ai.loading_column('body')"
				+ arguments + ")");
	}

	private static boolean indexReady(long id) {
		return sql.bool("select ai._vectorizer_should_create_vector_index(v) from ai.vectorizer v where id = ?", id);
	}

}
