package io.github.pgaispring.embedding;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server for embedding provider tests: it records every request and answers each one with what the
 * test's responder returns.
 */
public final class EmbeddingTestServer implements AutoCloseable {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	static {
		// Without TCP_NODELAY the JDK's server sends a reply's body only once the client acknowledged its headers,
		// which a client that delays its acknowledgements does 40 ms later: every request on a kept-alive
		// connection would take 40 ms more than the test asks for. Read once, before the first server starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());

	private EmbeddingTestServer(Function<RecordedRequest, Reply> responder) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> handle(exchange, responder));
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts a server on a free loopback port that answers every request with the responder's reply. */
	public static EmbeddingTestServer start(Function<RecordedRequest, Reply> responder) throws IOException {
		return new EmbeddingTestServer(responder);
	}

	/** The server's URL, {@code http://127.0.0.1:<port>}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Every request received so far, in arrival order. */
	public List<RecordedRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	private void handle(HttpExchange exchange, Function<RecordedRequest, Reply> responder) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
					exchange.getRequestURI().getPath(), headers, jsonMapper.readTree(body));
			this.requests.add(request);
			Reply reply = responder.apply(request);
			if (reply.delayMillis() > 0) {
				Thread.sleep(reply.delayMillis());
			}
			byte[] response = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.sendResponseHeaders(reply.status(), (response.length > 0) ? response.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the client gave up waiting (a timeout test): nothing more to send
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A request the server received.
	 */
	public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body) {

		/** The value of a header (case-insensitive name), or {@code null}. */
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		/** The texts of the request's {@code input} array. */
		public List<String> inputs() {
			List<String> inputs = new ArrayList<>();
			this.body.path("input").forEach((input) -> inputs.add(input.stringValue()));
			return inputs;
		}

	}

	/**
	 * What the server answers.
	 */
	public record Reply(int status, Map<String, String> headers, String body, long delayMillis) {

		/** A 200 reply with a JSON body. */
		public static Reply json(String body) {
			return new Reply(200, Map.of(), body, 0);
		}

		/** A reply with the given status and JSON body. */
		public static Reply status(int status, String body) {
			return new Reply(status, Map.of(), body, 0);
		}

		/** A copy with one more response header. */
		public Reply withHeader(String name, String value) {
			Map<String, String> headers = new HashMap<>(this.headers);
			headers.put(name, value);
			return new Reply(this.status, headers, this.body, this.delayMillis);
		}

		/** A copy that is sent only after the given delay. */
		public Reply delayedBy(long millis) {
			return new Reply(this.status, this.headers, this.body, millis);
		}

	}

}
