package io.github.pgaispring.embedding;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.pgaispring.embedding.EmbeddingTestServer.RecordedRequest;
import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;

/**
 * Starts {@link EmbeddingTestServer}s for a test and stops them after it; register it as an instance field with
 * {@code @RegisterExtension}.
 */
public final class EmbeddingTestServers implements AfterEachCallback {

	/** Short timeouts and fast retries for calls to a test server. */
	public static final HttpEmbedderOptions FAST_HTTP_OPTIONS = new HttpEmbedderOptions(Duration.ofSeconds(2),
			Duration.ofSeconds(5),
			new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));

	private final List<EmbeddingTestServer> started = new ArrayList<>();

	/**
	 * Starts a server on a free loopback port; it is stopped after the test.
	 * @param responder what the server answers to each request
	 * @return the running server
	 * @throws IOException if the server cannot be started
	 */
	public EmbeddingTestServer start(Function<RecordedRequest, Reply> responder) throws IOException {
		EmbeddingTestServer server = EmbeddingTestServer.start(responder);
		this.started.add(server);
		return server;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.started.forEach(EmbeddingTestServer::close);
		this.started.clear();
	}

}
