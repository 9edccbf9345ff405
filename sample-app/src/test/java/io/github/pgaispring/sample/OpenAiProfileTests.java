package io.github.pgaispring.sample;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code openai} profile: the vectorizer embeds with {@code text-embedding-3-small} at 384 dimensions, so
 * {@code @Vectorized(dimensions = 384)} still fits. A local stand-in for the OpenAI API records the requests.
 */
@PostgresTest
@SpringBootTest(properties = { "spring.profiles.active=openai", "OPENAI_API_KEY=test-key" })
class OpenAiProfileTests {

	private static final FakeOpenAiApi openAi = FakeOpenAiApi.start();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PostSearchService searchService;

	@DynamicPropertySource
	static void pointTheVectorizerAtTheFakeApi(DynamicPropertyRegistry registry) {
		registry.add("pgai.vectorizers.blog_posts_content.embedding.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stopTheFakeApi() {
		openAi.stop();
	}

	@Test
	void embedsPostsAndQueriesWithTextEmbedding3SmallAt384Dimensions(DataSource dataSource) {
		EmbeddingQueues.awaitEmpty(dataSource, Duration.ofSeconds(60));

		assertThat(this.jdbc.sql("select config -> 'embedding' ->> 'implementation', config -> 'embedding' ->> 'model', "
				+ "config -> 'embedding' ->> 'dimensions', config -> 'embedding' ->> 'api_key_name' from ai.vectorizer")
			.query((row, number) -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
			.single()).containsExactly("openai", "text-embedding-3-small", "384", "OPENAI_API_KEY");
		assertThat(this.jdbc.sql("select count(*) from blog_posts_embedding_store where vector_dims(embedding) = 384")
			.query(Long.class)
			.single()).isGreaterThan(16);
		int documentRequests = openAi.requests().size();

		assertThat(this.searchService.search("how do I keep my sourdough starter alive", null, 3)).hasSize(3);

		assertThat(openAi.requests()).hasSize(documentRequests + 1).allSatisfy((request) -> {
			assertThat(request.authorization()).isEqualTo("Bearer test-key");
			assertThat(request.body().path("model").asString()).isEqualTo("text-embedding-3-small");
			assertThat(request.body().path("dimensions").asInt()).isEqualTo(384);
		});
	}

}
