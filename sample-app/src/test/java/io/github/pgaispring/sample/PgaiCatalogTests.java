package io.github.pgaispring.sample;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.pgaispring.autoconfigure.PgaiCatalogInitializer;
import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.sample.blog.BlogPost;
import io.github.pgaispring.sample.blog.BlogPostRepository;
import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.sample.blog.SearchHit;
import io.github.pgaispring.testsupport.AiSchemaSnapshot;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PgaiInstall;
import io.github.pgaispring.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on pgai's own catalog, both ways: on a database pgai's installer prepared, the sample's vectorizer
 * (with the {@code openai} profile, against a local stand-in for the OpenAI API: pgai's own
 * {@code ai.create_vectorizer} accepts no in-process model) is created with pgai's function and embedded and searched
 * by the starter, which leaves pgai's objects as they are; and the sample's vectorizer created on the starter's catalog
 * keeps working after pgai 0.12.1's installer and a later release's ran over it.
 */
class PgaiCatalogTests {

	private static final Duration EMBEDDING = Duration.ofSeconds(120);

	private static final FakeOpenAiApi openAi = FakeOpenAiApi.start();

	private static FreshDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("pgai_catalog");
	}

	@AfterAll
	static void dropDatabaseAndStopTheFakeApi() {
		openAi.stop();
		database.drop();
	}

	@Test
	void theSampleRunsOnADatabaseThatPgaiPrepared() throws SQLException {
		FreshDatabase pgais = TestPostgres.server().createDatabase("pgai_prepared");
		try {
			PgaiInstall.install(pgais.dataSource(), PgaiInstall.VERSION);
			AiSchemaSnapshot before = AiSchemaSnapshot.of(pgais.dataSource());

			try (ConfigurableApplicationContext blog = start(pgais, "--spring.profiles.active=openai",
					"--OPENAI_API_KEY=test-key",
					"--pgai.vectorizers.blog_posts_content.embedding.base-url=" + openAi.baseUrl())) {
				assertThat(blog.getBean(PgaiCatalogInitializer.class).getInstallation().sqlApi())
					.isEqualTo(CatalogInstallation.SqlApi.PGAI);
				EmbeddingQueues.awaitEmpty(pgais.dataSource(), EMBEDDING);
				List<SearchHit> hits = blog.getBean(PostSearchService.class)
					.search("how do I keep my sourdough starter alive", null, 3);
				assertThat(hits).hasSize(3);
			}

			AiSchemaSnapshot after = AiSchemaSnapshot.of(pgais.dataSource());
			assertThat(after.changedSince(before)).as("pgai's objects").isEmpty();
			assertThat(after.keys("function ai.create_vectorizer")).hasSize(3);
			JdbcClient jdbc = JdbcClient.create(pgais.dataSource());
			assertThat(jdbc.sql("select version from ai.pgai_lib_version").query(String.class).single())
				.isEqualTo("0.12.1");
			assertThat(jdbc.sql("select config -> 'embedding' ->> 'implementation' from ai.vectorizer")
				.query(String.class)
				.single()).isEqualTo("openai");
		}
		finally {
			pgais.drop();
		}
	}

	@Test
	void theSamplesVectorizerKeepsWorkingAfterPgaisInstallersRanOverTheStartersCatalog() throws SQLException {
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		try (ConfigurableApplicationContext blog = start(database)) {
			assertThat(blog.getBean(PgaiCatalogInitializer.class).getInstallation().sqlApi())
				.isEqualTo(CatalogInstallation.SqlApi.STARTER);
			EmbeddingQueues.awaitEmpty(database.dataSource(), EMBEDDING);
		}
		long chunks = jdbc.sql("select count(*) from blog_posts_embedding_store").query(Long.class).single();

		PgaiInstall.install(database.dataSource(), PgaiInstall.VERSION);
		PgaiInstall.install(database.dataSource(), PgaiInstall.NEXT_VERSION);

		try (ConfigurableApplicationContext blog = start(database)) {
			assertThat(blog.getBean(PgaiCatalogInitializer.class).getInstallation().sqlApi())
				.isEqualTo(CatalogInstallation.SqlApi.PGAI);
			assertThat(jdbc.sql("select count(*) from blog_posts_embedding_store").query(Long.class).single())
				.as("the vectorizer was left as it was, not recreated")
				.isEqualTo(chunks);
			BlogPost post = blog.getBean(BlogPostRepository.class)
				.save(new BlogPost("Keeping bees on a balcony", "A hive needs sun in the morning and shade at noon."));
			EmbeddingQueues.awaitEmpty(database.dataSource(), EMBEDDING);
			assertThat(jdbc.sql("select chunk from blog_posts_embedding_store where id = ?")
				.param(post.getId())
				.query(String.class)
				.list()).containsExactly("Keeping bees on a balcony - A hive needs sun in the morning and shade at noon.");
			assertThat(blog.getBean(PostSearchService.class).search("beehive on my balcony", null, 1))
				.extracting(SearchHit::title)
				.containsExactly("Keeping bees on a balcony");
		}
	}

	private static ConfigurableApplicationContext start(FreshDatabase database, String... arguments) {
		return new SpringApplicationBuilder(BlogApplication.class).web(WebApplicationType.NONE)
			.run(Stream.concat(Stream.of(database.springPropertyValues()).map((property) -> "--" + property),
					Stream.of(arguments))
				.toArray(String[]::new));
	}

}
