package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the transient-failure handling the HTTP embedding providers share.
 */
class EmbeddingRetryTests {

	private static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofSeconds(3));

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	private EmbeddingTestServer server;

	@Test
	void retriesServerErrorsAndRateLimitHonouringRetryAfter() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.server = this.servers.start((request) -> switch (calls.incrementAndGet()) {
			case 1, 2 -> EmbeddingProviderResponses.openAiError(500, "The server had an error processing your request.",
					"server_error", "null");
			case 3 -> EmbeddingProviderResponses
				.openAiError(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
				.withHeader("Retry-After", "1");
			default -> EmbeddingProviderResponses.openAi(request, 2);
		});
		OpenAiEmbedder embedder = openAi(FAST_RETRIES);
		long start = System.nanoTime();

		List<float[]> vectors = embedder.embedDocuments(List.of("abc"));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(vectors).singleElement().satisfies((vector) -> assertThat(vector[0]).isEqualTo(3f));
		assertThat(this.server.requests()).hasSize(4)
			.allSatisfy((request) -> assertThat(request.inputs()).containsExactly("abc"));
	}

	@Test
	void givesUpAfterMaxAttemptsWithClearMessage() throws Exception {
		this.server = this.servers.start((request) -> Reply.status(503, "upstream connect error"));
		OpenAiEmbedder embedder = openAi(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("OpenAI")
			.withMessageContaining("text-embedding-3-small")
			.withMessageContaining("failed after 3 attempt(s)")
			.withMessageContaining("HTTP 503 Service Unavailable: upstream connect error");
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void retriesReadTimeouts() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.server = this.servers.start((request) -> {
			Reply reply = EmbeddingProviderResponses.ollama(request, 2);
			return (calls.incrementAndGet() == 1) ? reply.delayedBy(1500) : reply;
		});
		OllamaEmbedder embedder = OllamaEmbedder.builder("nomic-embed-text", 2)
			.baseUrl(this.server.baseUrl())
			.httpOptions(new HttpEmbedderOptions(Duration.ofSeconds(2), Duration.ofMillis(300), FAST_RETRIES))
			.build();

		assertThat(embedder.embedDocuments(List.of("ab"))).singleElement()
			.satisfies((vector) -> assertThat(vector[0]).isEqualTo(2f));
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void reportsReadTimeoutsAfterLastAttempt() throws Exception {
		this.server = this.servers
			.start((request) -> EmbeddingProviderResponses.ollama(request, 2).delayedBy(1500));
		OllamaEmbedder embedder = OllamaEmbedder.builder("nomic-embed-text", 2)
			.baseUrl(this.server.baseUrl())
			.httpOptions(new HttpEmbedderOptions(Duration.ofSeconds(2), Duration.ofMillis(200),
					new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10))))
			.build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("failed after 2 attempt(s)")
			.withMessageContaining("no response from " + this.server.baseUrl().substring("http://".length())
					+ " within the read timeout of 200 ms");
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void retriesRefusedConnectionsThenReportsThem() throws Exception {
		this.server = this.servers.start((request) -> Reply.json("{}"));
		String closedPortUrl = this.server.baseUrl();
		this.server.close();
		OllamaEmbedder embedder = OllamaEmbedder.builder("nomic-embed-text", 2)
			.baseUrl(closedPortUrl)
			.httpOptions(new HttpEmbedderOptions(Duration.ofSeconds(2), Duration.ofSeconds(2),
					new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10))))
			.build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("failed after 2 attempt(s)")
			.withMessageContaining("last failure: connection to " + closedPortUrl.substring("http://".length())
					+ " refused")
			.withMessageContaining("Is the Ollama server at " + closedPortUrl.substring("http://".length())
					+ " running, and is the vectorizer's base URL (" + closedPortUrl + ") right?");
	}

	private OpenAiEmbedder openAi(RetryPolicy retryPolicy) {
		return OpenAiEmbedder.builder("text-embedding-3-small", 2)
			.baseUrl(this.server.baseUrl())
			.apiKeyResolver((name) -> "sk-test")
			.httpOptions(HttpEmbedderOptions.defaults().withRetryPolicy(retryPolicy))
			.build();
	}

}
