package io.github.pgaispring.seeds;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sample.BlogApplication;
import io.github.pgaispring.sample.EmbeddingQueues;
import io.github.pgaispring.seeds.migration.V3__Create_blog_vectorizer;
import io.github.pgaispring.seeds.migration.V4__Drop_blog_vectorizer;
import io.github.pgaispring.seeds.migration.V6__Blog_title_colon;
import io.github.pgaispring.testsupport.PostgresTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vectorizers created and dropped by Flyway migrations, the counterpart of pgai's Alembic operations:
 * {@link V3__Create_blog_vectorizer} ({@code op.create_vectorizer}) and {@link V4__Drop_blog_vectorizer}
 * ({@code op.drop_vectorizer}) use the {@code CreateVectorizer}/{@code DropVectorizer} builders, and
 * {@code V5__create_blog_vectorizer_with_sql.sql} calls {@code ai.create_vectorizer} directly;
 * {@link V6__Blog_title_colon} changes the template without downtime ({@code MigrateVectorizer}) and
 * {@code V7__blog_batch_size_with_sql.sql} the batch size in place ({@code ai.migrate_vectorizer}). The starter
 * installs the {@code ai} catalog before Flyway runs.
 * <p>
 * The application starts migrated up to version 3; the tests then migrate step by step, in order.
 */
@PostgresTest
@SpringBootTest(classes = BlogApplication.class,
		properties = { "spring.flyway.locations=classpath:db/migration,classpath:io/github/pgaispring/seeds/migration",
				"spring.flyway.target=3" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VectorizerMigrationsSeedTests {

	private static final Duration EMBEDDING = Duration.ofSeconds(60);

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	@Order(1)
	void javaMigrationCreatesTheVectorizer() {
		assertThat(vectorizerConfig("chunking")).contains("\"implementation\": \"character_text_splitter\"",
				"\"chunk_size\": 800", "\"separator\": \".\"");
		assertThat(vectorizerConfig("formatting")).contains("\"template\": \"$title - $chunk\"");

		EmbeddingQueues.awaitEmpty(this.dataSource, EMBEDDING);

		// LangChain's CharacterTextSplitter splits at the separator "." and joins the pieces with it again, so
		// the final period is gone, exactly as with pgai.
		assertThat(chunks()).containsExactly(
				"Winter cycling - Studded tyres grip on ice. Lights are required after dark. Mudguards keep the spray "
						+ "off your back",
				"Fermenting vegetables - Salt draws water out of cabbage. Lactic acid bacteria do the rest. Keep the "
						+ "vegetables under the brine");
	}

	@Test
	@Order(2)
	void javaMigrationDropsTheVectorizerWithItsTable() {
		migrateTo("4");

		assertThat(this.jdbc.sql("select count(*) from ai.vectorizer where name = 'blog_content'").query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("select to_regclass('blog_embeddings')::text").query(String.class).optional()).isEmpty();
	}

	@Test
	@Order(3)
	void sqlMigrationCreatesTheVectorizer() {
		migrateTo("5");

		assertThat(vectorizerConfig("chunking")).contains("\"implementation\": \"recursive_character_text_splitter\"",
				"\"chunk_size\": 50", "\"chunk_overlap\": 10");
		EmbeddingQueues.awaitEmpty(this.dataSource, EMBEDDING);
		assertThat(chunks()).hasSizeGreaterThan(4).allSatisfy((chunk) -> assertThat(chunk).hasSizeLessThanOrEqualTo(50));
	}

	@Test
	@Order(4)
	void javaMigrationChangesTheTemplateWithoutDowntime() {
		List<String> before = chunks();
		migrateTo("6");

		await().atMost(EMBEDDING).until(() -> this.jdbc.sql("select count(*) from ai.pgai_spring_vectorizer_migration")
			.query(Long.class).single() == 0);
		assertThat(vectorizerConfig("formatting")).contains("\"template\": \"$title: $chunk\"");
		assertThat(chunks()).hasSameSizeAs(before)
			.allSatisfy((chunk) -> assertThat(chunk).matches("(Winter cycling|Fermenting vegetables): .*"));
		assertThat(this.jdbc.sql("select to_regclass('blog_embeddings_next') is null").query(Boolean.class).single())
			.isTrue();
		assertThat(this.jdbc.sql("select name from ai.vectorizer where name like 'blog\\_content%'").query(String.class)
			.list()).containsExactly("blog_content");
	}

	@Test
	@Order(5)
	void sqlMigrationChangesTheBatchSizeInPlace() {
		long id = this.jdbc.sql("select id from ai.vectorizer where name = 'blog_content'").query(Long.class).single();
		migrateTo("7");

		assertThat(vectorizerConfig("processing")).contains("\"batch_size\": 10");
		assertThat(this.jdbc.sql("select id from ai.vectorizer where name like 'blog\\_content%'").query(Long.class)
			.list()).containsExactly(id);
	}

	private void migrateTo(String version) {
		Flyway.configure().configuration(this.flyway.getConfiguration()).target(version).load().migrate();
	}

	private String vectorizerConfig(String part) {
		return this.jdbc.sql("select config -> :part from ai.vectorizer where name = 'blog_content'")
			.param("part", part)
			.query(String.class)
			.single();
	}

	private List<String> chunks() {
		return this.jdbc.sql("select chunk from blog_embeddings order by id, chunk_seq").query(String.class).list();
	}

}
