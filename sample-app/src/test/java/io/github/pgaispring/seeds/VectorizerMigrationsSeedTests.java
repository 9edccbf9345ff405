package io.github.pgaispring.seeds;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sample.BlogApplication;
import io.github.pgaispring.sample.EmbeddingQueues;
import io.github.pgaispring.seeds.migration.V3__Create_blog_vectorizer;
import io.github.pgaispring.seeds.migration.V4__Drop_blog_vectorizer;
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

/**
 * Vectorizers created and dropped by Flyway migrations, the counterpart of pgai's Alembic operations:
 * {@link V3__Create_blog_vectorizer} ({@code op.create_vectorizer}) and {@link V4__Drop_blog_vectorizer}
 * ({@code op.drop_vectorizer}) use the {@code CreateVectorizer}/{@code DropVectorizer} builders, and
 * {@code V5__create_blog_vectorizer_with_sql.sql} calls {@code ai.create_vectorizer} directly. The starter
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
