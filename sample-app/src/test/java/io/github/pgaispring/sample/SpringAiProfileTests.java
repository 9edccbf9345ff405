package io.github.pgaispring.sample;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code spring-ai} profile: the vectorizer embeds posts and search queries through the {@code EmbeddingModel}
 * that Spring AI's OpenAI starter configures from {@code spring.ai.openai.base-url}, here a local stand-in for an
 * OpenAI-compatible server that needs no key.
 */
@PostgresTest
@SpringBootTest(properties = "spring.profiles.active=spring-ai")
class SpringAiProfileTests {

	private static final FakeOpenAiApi openAi = FakeOpenAiApi.start();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PostSearchService searchService;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void pointSpringAiAtTheFakeApi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stopTheFakeApi() {
		openAi.stop();
	}

	@Test
	void embedsPostsAndQueriesThroughSpringAisOpenAiEmbeddingModel(DataSource dataSource) {
		EmbeddingQueues.awaitEmpty(dataSource, Duration.ofSeconds(60));

		assertThat(this.context.getBeansOfType(EmbeddingModel.class).values()).singleElement()
			.isInstanceOf(OpenAiEmbeddingModel.class);
		assertThat(this.context.getBean(EmbedderFactory.class).implementations()).contains("spring_ai");
		assertThat(this.jdbc.sql("select config -> 'embedding' ->> 'implementation', config -> 'embedding' ->> 'model', "
				+ "config -> 'embedding' ->> 'dimensions' from ai.vectorizer")
			.query((row, number) -> List.of(row.getString(1), row.getString(2), row.getString(3)))
			.single()).containsExactly("spring_ai", "text-embedding-3-small", "384");
		assertThat(this.jdbc.sql("select count(*) from blog_posts_embedding_store where vector_dims(embedding) = 384")
			.query(Long.class)
			.single()).isGreaterThan(16);
		assertThat(this.jdbc.sql("select count(*) from ai._vectorizer_errors").query(Long.class).single()).isZero();
		int documentRequests = openAi.requests().size();

		assertThat(this.searchService.search("how do I keep my sourdough starter alive", null, 3)).hasSize(3);

		assertThat(openAi.requests()).hasSize(documentRequests + 1).allSatisfy((request) -> {
			assertThat(request.authorization()).as("no key: no Authorization header").isNull();
			assertThat(request.body().path("model").asString()).isEqualTo("text-embedding-3-small");
			assertThat(request.body().path("dimensions").asInt()).isEqualTo(384);
		});
		assertThat(openAi.requests().get(documentRequests).body().path("input").get(0).asString())
			.isEqualTo("how do I keep my sourdough starter alive");
	}

}
