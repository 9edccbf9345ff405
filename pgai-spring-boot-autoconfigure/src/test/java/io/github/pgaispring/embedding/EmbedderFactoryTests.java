package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.github.pgaispring.sql.EmbeddingConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EmbedderFactory}.
 */
class EmbedderFactoryTests {

	private final EmbedderFactory factory = EmbedderFactory.builder()
		.apiKeyResolver(Map.of("OPENAI_API_KEY", "sk-default", "TEAM_KEY", "sk-team")::get)
		.httpOptions(new HttpEmbedderOptions(Duration.ofSeconds(2), Duration.ofSeconds(5),
				new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10))))
		.onnxThreads(1)
		.ollamaMaxInputsPerRequest(2)
		.build();

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	private EmbeddingTestServer server;

	@Test
	void buildsOpenAiEmbedderFromPgaiConfig() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 768));
		Embedder embedder = this.factory.create(json("""
				{"config_type": "embedding", "implementation": "openai", "model": "text-embedding-3-small",
				 "dimensions": 768, "user": "bob", "api_key_name": "TEAM_KEY", "base_url": "%s/v1"}
				""".formatted(this.server.baseUrl())));

		assertThat(embedder).isInstanceOf(OpenAiEmbedder.class);
		assertThat(embedder.dimensions()).isEqualTo(768);
		assertThat(embedder.embedDocuments(List.of("hello"))).singleElement()
			.satisfies((vector) -> assertThat(vector).hasSize(768));
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer sk-team");
			assertThat(request.body().path("user").stringValue()).isEqualTo("bob");
			assertThat(request.body().path("dimensions").intValue()).isEqualTo(768);
		});
	}

	@Test
	void openAiDefaultsToOpenAiApiKey() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		Embedder embedder = this.factory.create(json("""
				{"implementation": "openai", "model": "m", "dimensions": 4, "api_key_name": null, "base_url": "%s"}
				""".formatted(this.server.baseUrl())));

		embedder.embedDocuments(List.of("x"));

		assertThat(this.server.requests().get(0).header("Authorization")).isEqualTo("Bearer sk-default");
	}

	@Test
	void buildsOllamaEmbedderFromPgaiConfig() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 3));
		Embedder embedder = this.factory.create(json("""
				{"implementation": "ollama", "model": "nomic-embed-text", "dimensions": 3, "base_url": "%s",
				 "options": {"num_ctx": 2048}, "keep_alive": "5m"}
				""".formatted(this.server.baseUrl())));

		assertThat(embedder).isInstanceOf(OllamaEmbedder.class);
		assertThat(embedder.embedDocuments(List.of("a", "b", "c"))).hasSize(3);
		assertThat(this.server.requests()).extracting((request) -> request.inputs().size()).containsExactly(2, 1);
		assertThat(this.server.requests().get(0).body().path("options").path("num_ctx").intValue()).isEqualTo(2048);
		assertThat(this.server.requests().get(0).body().path("keep_alive").stringValue()).isEqualTo("5m");
	}

	@Test
	void buildsOnnxEmbedderWithoutLoadingTheModel() {
		Embedder byId = this.factory.create(json("""
				{"implementation": "onnx", "model": "BAAI/bge-small-en-v1.5", "dimensions": 384}
				"""));
		Embedder byDefault = this.factory.create(json("{\"implementation\": \"onnx\"}"));

		assertThat(byId).isInstanceOf(OnnxEmbedder.class);
		assertThat(byId.dimensions()).isEqualTo(384);
		assertThat(byDefault).isInstanceOf(OnnxEmbedder.class);
		assertThat(byDefault.dimensions()).isEqualTo(384);
	}

	@Test
	void onnxDimensionsMismatchFailsClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("""
				{"implementation": "onnx", "model": "all-minilm-l6-v2", "dimensions": 768}
				"""))).withMessageContaining("produces 384-dimensional").withMessageContaining("dimensions 768");
	}

	@Test
	void sentenceTransformersIsRejectedAsPgaisValidatorRejectsIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("""
				{"implementation": "sentence_transformers", "config_type": "embedding",
				 "model": "nomic-ai/nomic-embed-text-v1.5", "dimensions": 768}
				""")))
			.withMessageStartingWith("The embedding implementation 'sentence_transformers' configures the embeddings of"
					+ " pgai's semantic catalog")
			.withMessageEndingWith("recreate the vectorizer with ai.embedding_onnx(), ai.embedding_openai(...) or"
					+ " ai.embedding_ollama(...)");
	}

	@Test
	void invalidConfigurationsFailClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("{\"model\": \"m\"}")))
			.withMessageContaining("no 'implementation'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create(json("{\"implementation\": \"cohere\", \"model\": \"m\"}")))
			.withMessageContaining("Unknown embedding implementation 'cohere'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create(json("{\"implementation\": \"openai\", \"model\": \"m\"}")))
			.withMessageContaining("positive integer 'dimensions'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("""
				{"implementation": "openai", "model": "text-embedding-ada-002", "dimensions": 768}
				"""))).withMessageContaining("1536");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("""
				{"implementation": "onnx", "model": "e5-large"}
				"""))).withMessageContaining("known models are");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create(json("""
				{"implementation": "ollama", "model": "m", "dimensions": 4, "base_url": "localhost:11434"}
				"""))).withMessageContaining("base_url 'localhost:11434' is not an absolute http(s) URL");
	}

	@Test
	void missingApiKeySurfacesWhenEmbedding() {
		Embedder embedder = this.factory.create(json("""
				{"implementation": "openai", "model": "text-embedding-3-small", "dimensions": 4,
				 "api_key_name": "UNSET_KEY", "base_url": "http://127.0.0.1:9"}
				"""));

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("'UNSET_KEY'");
	}

	private static EmbeddingConfig json(String json) {
		return EmbeddingConfig.fromJson(json);
	}

}
