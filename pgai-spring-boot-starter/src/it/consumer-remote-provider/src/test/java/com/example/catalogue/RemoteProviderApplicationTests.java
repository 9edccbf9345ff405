package com.example.catalogue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application embeds through an OpenAI-compatible HTTP server (a local one speaking OpenAI's embeddings
 * format, with bag-of-words vectors) and has no in-process model on its class path.
 */
@SpringBootTest(properties = "CATALOGUE_EMBEDDING_KEY=test-key")
class RemoteProviderApplicationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpServer provider = startProvider();

	@Autowired
	ProductRepository products;

	@Autowired
	ProductSearch search;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void providerUrl(DynamicPropertyRegistry registry) {
		registry.add("pgai.vectorizers.products_description.embedding.base-url",
				() -> "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
	}

	@AfterAll
	static void stopProvider() {
		provider.stop(0);
	}

	@Test
	void embedsAndSearchesWithoutTheInProcessModel() {
		assertThat(ClassUtils.isPresent("ai.onnxruntime.OrtSession", null)).isFalse();
		assertThat(ClassUtils.isPresent("dev.langchain4j.model.embedding.EmbeddingModel", null)).isFalse();
		this.products.saveAll(List.of(new Product("Espresso machine", "brews espresso coffee and steams milk"),
				new Product("Tent", "a shelter for camping in the rain")));

		await().atMost(Duration.ofMinutes(1)).until(() -> this.jdbc
			.sql("select pending_items from ai.vectorizer_status where name = 'products_description'")
			.query(Long.class)
			.single() == 0);

		var results = this.search.findNearestByCosine("coffee", Limit.of(1));
		assertThat(results.getContent()).singleElement()
			.satisfies((result) -> assertThat(result.getContent().getChunk()).contains("espresso coffee"));
	}

	private static HttpServer startProvider() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/v1/embeddings", RemoteProviderApplicationTests::embeddings);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void embeddings(HttpExchange exchange) throws IOException {
		if (!"Bearer test-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			exchange.sendResponseHeaders(401, -1);
			return;
		}
		JsonNode request = json.readTree(exchange.getRequestBody());
		ObjectNode response = json.createObjectNode().put("object", "list").put("model", request.get("model").asString());
		ArrayNode data = response.putArray("data");
		for (int i = 0; i < request.get("input").size(); i++) {
			ArrayNode embedding = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
			for (float value : bagOfWords(request.get("input").get(i).asString(), request.get("dimensions").asInt())) {
				embedding.add(value);
			}
		}
		response.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
		byte[] body = json.writeValueAsBytes(response);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static float[] bagOfWords(String text, int dimensions) {
		float[] vector = new float[dimensions];
		for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
			if (!word.isEmpty()) {
				vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
			}
		}
		vector[dimensions - 1] += 0.01f; // never the zero vector
		return vector;
	}

}
