package io.github.pgaispring.worker;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.worker.WorkerTestCatalog.vectorizer;
import static io.github.pgaispring.worker.WorkerTestSql.count;
import static io.github.pgaispring.worker.WorkerTestSql.execute;
import static io.github.pgaispring.worker.WorkerTestSql.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunks are written with binary COPY for common key types (and text COPY for the rest); every key value
 * must arrive in the store exactly as it is in the source.
 */
@PostgresTest
class WorkerKeyTypesTests {

	@Test
	void compositeTextAndTimestamptzKeys(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table posts (title text, published timestamptz, body text, primary key (title, published))",
				"insert into posts values ('a', '2024-01-02 03:04:05.123456+02', 'first'), "
						+ "('a', '1999-12-31 23:59:59.999999+00', 'second'), ('b', 'infinity', 'third'), "
						+ "('ü \"quoted\"', '-infinity', E'tab\\there')");
		Vectorizer vectorizer = vectorizer("public", "posts").create(dataSource);
		assertThat(new QueueStatements(vectorizer).binaryCopySupported()).isTrue();

		assertStoreMatchesSource(dataSource, vectorizer, "posts", "title, published", 4);
	}

	@Test
	void uuidKeys(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table uuids (id uuid primary key default gen_random_uuid(), body text)",
				"insert into uuids (body) select 'doc ' || i from generate_series(1, 20) i",
				"insert into uuids values ('00000000-0000-0000-0000-000000000000', 'zero'), "
						+ "('ffffffff-ffff-ffff-ffff-ffffffffffff', 'max')");
		Vectorizer vectorizer = vectorizer("public", "uuids").create(dataSource);

		assertStoreMatchesSource(dataSource, vectorizer, "uuids", "id", 22);
	}

	@Test
	void integersNumericDatesTimestampsAndCharacterKeys(DataSource dataSource) throws SQLException {
		execute(dataSource, """
				create table many (a smallint, b bigint, c numeric(12,3), d date, e timestamp(3), f varchar(20),
				    g char(4), h integer, body text, primary key (a, b, c, d, e, f, g, h))""",
				"""
						insert into many values
						(-32768, -9223372036854775808, -12345.678, '2000-01-01', '2000-01-01 00:00:00', 'x', 'ab', -1, 'one'),
						(32767, 9223372036854775807, 0.001, '1970-01-01', '1969-12-31 23:59:59.999', '', 'abcd', 2147483647, 'two'),
						(0, 0, 0, 'infinity', 'infinity', 'ß', 'ä', 0, 'three'),
						(1, 1, 123456789.120, '0044-03-15 BC', '-infinity', 'long value here', '', 7, 'four'),
						(2, 10000, 10000.000, '-infinity', '2262-04-11 23:47:16.854', 'y', 'z', 8, 'five')""");
		Vectorizer vectorizer = vectorizer("public", "many").create(dataSource);
		assertThat(new QueueStatements(vectorizer).binaryCopySupported()).isTrue();

		assertStoreMatchesSource(dataSource, vectorizer, "many", "a, b, c, d, e, f, g, h", 5);
	}

	@Test
	void otherKeyTypesFallBackToTextCopy(DataSource dataSource) throws SQLException {
		execute(dataSource, "create table others (addr inet, flag boolean, body text, primary key (addr, flag))",
				"insert into others values ('10.0.0.1', true, E'back\\\\slash\\tand\\ttabs'), "
						+ "('::1', false, E'new\\nline'), ('192.168.0.0/16', true, 'net')");
		Vectorizer vectorizer = vectorizer("public", "others").create(dataSource);
		assertThat(new QueueStatements(vectorizer).binaryCopySupported()).isFalse();

		assertStoreMatchesSource(dataSource, vectorizer, "others", "addr, flag", 3);
	}

	private static void assertStoreMatchesSource(DataSource dataSource, Vectorizer vectorizer, String table, String key,
			int rows) throws SQLException {
		BatchProcessor processor = new BatchProcessor(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3)),
				WorkerSettings.defaults().withRetries(0, Duration.ZERO, Duration.ZERO));

		BatchResult result = processor.process(vectorizer);

		assertThat(result.embeddedRows()).isEqualTo(rows);
		assertThat(count(dataSource, "select count(*) from " + table + "_embedding_store t join " + table
				+ " s using (" + key + ") where t.chunk = s.body and t.chunk_seq = 0")).isEqualTo(rows);
		assertThat(rows(dataSource, "select embedding::text from " + table + "_embedding_store t join " + table
				+ " s using (" + key + ") order by s.body"))
			.containsExactlyElementsOf(rows(dataSource, "select body from " + table + " order by body").stream()
				.map((body) -> WorkerTestSql.vectorText(TestEmbedder.vectorOf(body, 3)))
				.toList());
		assertThat(count(dataSource, "select count(*) from " + vectorizer.qualifiedFailedQueue())).isZero();
	}

}
