package io.github.pgaispring.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

	private static final FakeOpenAi openAi = FakeOpenAi.start();

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

	/**
	 * Answers {@code POST /embeddings} like the OpenAI API, with a 384-dimensional vector per input that
	 * depends only on the input.
	 */
	private record FakeOpenAi(HttpServer server, List<Request> requests) {

		private static final JsonMapper json = JsonMapper.shared();

		static FakeOpenAi start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				FakeOpenAi fake = new FakeOpenAi(server, new CopyOnWriteArrayList<>());
				server.createContext("/embeddings", fake::answer);
				server.start();
				return fake;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the fake OpenAI API", ex);
			}
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		void stop() {
			this.server.stop(0);
		}

		private void answer(HttpExchange exchange) throws IOException {
			try (exchange) {
				JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
				this.requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body));
				ObjectNode response = json.createObjectNode().put("object", "list").put("model", "text-embedding-3-small");
				ArrayNode data = response.putArray("data");
				for (int index = 0; index < body.path("input").size(); index++) {
					ArrayNode embedding = data.addObject().put("object", "embedding").put("index", index).putArray("embedding");
					int hot = Math.floorMod(body.path("input").get(index).toString().hashCode(), 384);
					for (int dimension = 0; dimension < 384; dimension++) {
						embedding.add((dimension == hot) ? 1.0 : 0.01);
					}
				}
				response.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
				byte[] bytes = json.writeValueAsString(response).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
		}

		record Request(String authorization, JsonNode body) {

		}

	}

}
