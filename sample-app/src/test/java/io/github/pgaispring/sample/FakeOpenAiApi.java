package io.github.pgaispring.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /embeddings} like the OpenAI API, with a 384-dimensional vector per input that depends only on
 * the input, and records the requests.
 *
 * @param server the HTTP server on a free local port
 * @param requests the requests answered so far
 */
record FakeOpenAiApi(HttpServer server, List<Request> requests) {

	private static final JsonMapper json = JsonMapper.shared();

	static FakeOpenAiApi start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeOpenAiApi fake = new FakeOpenAiApi(server, new CopyOnWriteArrayList<>());
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

	/** A request: its {@code Authorization} header and JSON body. */
	record Request(String authorization, JsonNode body) {

	}

}
