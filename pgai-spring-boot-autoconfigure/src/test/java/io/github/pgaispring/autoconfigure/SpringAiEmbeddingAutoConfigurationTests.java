package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.github.pgaispring.autoconfigure.springaifixtures.ArticleApplication;
import io.github.pgaispring.autoconfigure.springaifixtures.ArticleBodyEmbedding;
import io.github.pgaispring.autoconfigure.springaifixtures.ArticleSearch;
import io.github.pgaispring.embedding.EmbeddingProviderResponses;
import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.embedding.SpringAiEmbeddingProvider;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResult;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring AI bridge end to end: a vectorizer declared in {@code pgai.vectorizers} with
 * {@code embedding.provider=spring-ai} embeds its rows, and its repository's text queries, through the application's
 * Spring AI {@code EmbeddingModel} bean (Spring AI's real OpenAI module against a local server speaking OpenAI's
 * API), with the real worker on a real database; a model of other dimensions fails the rows naming both.
 */
@PostgresTest
class SpringAiEmbeddingAutoConfigurationTests {

	private JdbcTemplate jdbc;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists articles, articles_embedding_store cascade");
		this.jdbc.execute("create table articles (id bigint primary key, body text)");
		this.jdbc.update("insert into articles values (1, 'Cats sleep a lot.'), (2, 'Dogs like long walks.')");
	}

	@Test
	void rowsAndQueriesEmbedThroughTheApplicationsSpringAiModel(FreshDatabase database) throws IOException {
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 384))) {
			application(database, openAi).run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SpringAiEmbeddingProvider.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc
					.queryForObject("select count(*) from articles_embedding_store", Integer.class) == 2);
				assertThat(this.jdbc.queryForList("select chunk || ' ' || (embedding::real[])[1] from "
						+ "articles_embedding_store order by id", String.class))
					.containsExactly("Cats sleep a lot. 17", "Dogs like long walks. 21");
				assertThat(this.jdbc.queryForList("select config->'embedding' from ai.vectorizer", String.class))
					.singleElement()
					.satisfies((embedding) -> assertThat(embedding).contains("\"implementation\": \"spring_ai\"")
						.contains("\"dimensions\": 384"));
				int documentRequests = openAi.requests().size();

				List<SearchResult<ArticleBodyEmbedding>> results = context.getBean(ArticleSearch.class)
					.findNearestByCosine("sleepy cats", Limit.of(2))
					.getContent();

				assertThat(results).hasSize(2);
				assertThat(openAi.requests()).hasSize(documentRequests + 1);
				assertThat(openAi.requests().get(documentRequests).inputs()).containsExactly("sleepy cats");
			});
			assertThat(openAi.requests()).allSatisfy((request) -> {
				assertThat(request.path()).isEqualTo("/v1/embeddings");
				assertThat(request.header("Authorization")).isEqualTo("Bearer sk-spring-ai");
				assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small");
			});
		}
	}

	@Test
	void aModelOfOtherDimensionsFailsTheRowsNamingTheDeclaredAndReturnedDimensions(FreshDatabase database)
			throws IOException {
		try (EmbeddingTestServer openAi = EmbeddingTestServer
			.start((request) -> EmbeddingProviderResponses.openAi(request, 1536))) {
			application(database, openAi).run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc
					.queryForObject("select count(*) from ai._vectorizer_errors", Integer.class) > 0);
				assertThat(this.jdbc.queryForList("select details->>'error_reason' from ai._vectorizer_errors",
						String.class))
					.first()
					.satisfies((reason) -> assertThat(reason).contains("Spring AI (bean 'openAiEmbeddingModel',"
							+ " OpenAiEmbeddingModel) model 'text-embedding-3-small' returned 1536-dimensional embeddings,"
							+ " but the vectorizer is configured for 384 dimensions"));
				assertThat(this.jdbc.queryForObject("select count(*) from articles_embedding_store", Integer.class))
					.isZero();
			});
		}
	}

	private static ApplicationContextRunner application(FreshDatabase database, EmbeddingTestServer openAi) {
		return new ApplicationContextRunner().withUserConfiguration(ArticleApplication.class)
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues("test.openai.base-url=" + openAi.baseUrl(), "pgai.worker.poll-interval=100ms",
					"pgai.vectorizers.articles_body.source=articles",
					"pgai.vectorizers.articles_body.loading.column=body",
					"pgai.vectorizers.articles_body.embedding.provider=spring-ai",
					"pgai.vectorizers.articles_body.embedding.dimensions=384",
					"pgai.vectorizers.articles_body.chunking.splitter=none",
					"spring.jpa.hibernate.ddl-auto=validate", "spring.liquibase.enabled=false",
					"spring.flyway.enabled=false");
	}

}
