package io.github.pgaispring.embedding;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OllamaEmbedder} against a local server speaking the Ollama {@code /api/embed} API.
 */
class OllamaEmbedderTests {

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	private EmbeddingTestServer server;

	@Test
	void sendsOllamaRequestWithOptionsAndKeepAlive() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 3));
		OllamaEmbedder embedder = embedder(3)
			.options(JsonMapper.builder().build().readTree("{\"num_ctx\": 8192, \"temperature\": 0}"))
			.keepAlive("10m")
			.build();

		List<float[]> vectors = embedder.embedDocuments(List.of("one", "three"));

		assertThat(vectors).extracting((vector) -> vector[0]).containsExactly(3f, 5f);
		assertThat(embedder.dimensions()).isEqualTo(3);
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/embed");
			assertThat(request.header("Authorization")).isNull();
			assertThat(request.body().path("model").stringValue()).isEqualTo("nomic-embed-text");
			assertThat(request.inputs()).containsExactly("one", "three");
			assertThat(request.body().path("options").path("num_ctx").intValue()).isEqualTo(8192);
			assertThat(request.body().path("keep_alive").stringValue()).isEqualTo("10m");
		});
	}

	@Test
	void omitsUnsetOptionsAndKeepAlive() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 3));

		embedder(3).build().embedQuery("q");

		assertThat(this.server.requests().get(0).body().has("options")).isFalse();
		assertThat(this.server.requests().get(0).body().has("keep_alive")).isFalse();
	}

	@Test
	void splitsRequestsAt2048InputsByDefault() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 2));
		List<String> texts = IntStream.range(0, 2049).mapToObj((i) -> "w".repeat(1 + i % 5)).toList();

		List<float[]> vectors = embedder(2).build().embedDocuments(texts);

		assertThat(this.server.requests()).extracting((request) -> request.inputs().size()).containsExactly(2048, 1);
		assertThat(vectors).extracting((vector) -> (int) vector[0])
			.containsExactlyElementsOf(texts.stream().map(String::length).toList());
	}

	@Test
	void splitsRequestsAtConfiguredLimit() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 2));

		embedder(2).maxInputsPerRequest(3).build().embedDocuments(List.of("a", "b", "c", "d", "e", "f", "g"));

		assertThat(this.server.requests()).extracting((request) -> request.inputs())
			.containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g"));
	}

	@Test
	void unknownModelFailsAtOnceWithOllamaMessage() throws Exception {
		this.server = this.servers
			.start((request) -> Reply.status(404, "{\"error\":\"model \\\"nomic-embed-txt\\\" not found, try pulling it first\"}"));

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder(2).build().embedDocuments(List.of("x")))
			.withMessageContaining("Ollama")
			.withMessageContaining("HTTP 404 Not Found: model \"nomic-embed-txt\" not found, try pulling it first")
			.withMessageContaining("Check the model name");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void countsTheTokensOfPromptEvalCount() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 2));
		OllamaEmbedder embedder = embedder(2).maxInputsPerRequest(2).build();

		embedder.embedDocuments(List.of("a", "b", "c"));

		assertThat(embedder.tokensUsed()).as("prompt_eval_count of both requests").isEqualTo(3);
	}

	@Test
	void dimensionMismatchFailsClearly() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 768));

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder(1024).build().embedDocuments(List.of("x")))
			.withMessageContaining("'nomic-embed-text' returned 768-dimensional embeddings")
			.withMessageContaining("configured for 1024 dimensions");
	}

	@Test
	void responseThatIsNotOllamaFailsClearly() throws Exception {
		this.server = this.servers.start((request) -> Reply.json("<html>proxy login</html>"));

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder(2).build().embedDocuments(List.of("x")))
			.withMessageContaining("could not read")
			.withMessageContaining("base URL");
	}

	private OllamaEmbedder.Builder embedder(int dimensions) {
		return OllamaEmbedder.builder("nomic-embed-text", dimensions)
			.baseUrl(this.server.baseUrl())
			.httpOptions(EmbeddingTestServers.FAST_HTTP_OPTIONS);
	}

}
