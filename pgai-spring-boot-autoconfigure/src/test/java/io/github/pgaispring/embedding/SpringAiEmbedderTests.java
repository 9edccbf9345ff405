package io.github.pgaispring.embedding;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.content.MediaContent;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.tokenizer.TokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SpringAiEmbedder} with Spring AI's real OpenAI {@code EmbeddingModel} against a local server
 * speaking OpenAI's embeddings API, which answers with the items in reverse order.
 */
class SpringAiEmbedderTests {

	/** Spring AI's default strategy, once for all tests: it loads JTokkit's cl100k_base encoding. */
	static final TokenCountBatchingStrategy DEFAULT_STRATEGY = new TokenCountBatchingStrategy();

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	@Test
	void embedsThroughTheModelInInputOrderAskingForTheConfiguredModel() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-ada-002", "sk-spring");
		SpringAiEmbedder embedder = new SpringAiEmbedder("openAiEmbeddingModel", model, "text-embedding-3-small", 4,
				DEFAULT_STRATEGY);

		List<float[]> vectors = embedder.embedDocuments(List.of("a", "bb", "ccc"));

		assertThat(vectors).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f);
		assertThat(embedder.embedQuery("four")).hasSize(4).startsWith(4f);
		assertThat(server.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer sk-spring");
			assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small");
		});
		assertThat(server.requests().get(0).inputs()).containsExactly("a", "bb", "ccc");
		assertThat(embedder.tokensUsed()).as("the usage Spring AI read from both responses: one token per input here")
			.isEqualTo(4);
	}

	@Test
	void withoutAModelTheBeansOwnIsUsed() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "nomic-embed-text", "sk-spring");

		new SpringAiEmbedder("local", model, null, 3, DEFAULT_STRATEGY).embedDocuments(List.of("x"));

		assertThat(server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.body().path("model").stringValue()).isEqualTo("nomic-embed-text"));
	}

	@Test
	void requestsAreSplitAsTheBatchingStrategySays() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk");
		// 100 tokens per request (no reserve); each text is 30 tokens
		TokenCountBatchingStrategy hundredTokens = wordCounting(100);
		List<String> texts = IntStream.range(0, 10).mapToObj((i) -> " a".repeat(30)).toList();

		List<float[]> vectors = new SpringAiEmbedder("m", model, null, 2, hundredTokens).embedDocuments(texts);

		assertThat(vectors).hasSize(10);
		assertThat(server.requests()).extracting((request) -> request.inputs().size()).containsExactly(3, 3, 3, 1);
	}

	@Test
	void aModelOfOtherDimensionsFailsNamingTheDeclaredAndReturnedDimensions() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 1536));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk");
		SpringAiEmbedder embedder = new SpringAiEmbedder("openAiEmbeddingModel", model, null, 384,
				DEFAULT_STRATEGY);

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageStartingWith("Spring AI (bean 'openAiEmbeddingModel', OpenAiEmbeddingModel) model"
					+ " 'text-embedding-3-small' returned 1536-dimensional embeddings, but the vectorizer is configured"
					+ " for 384 dimensions");
	}

	@Test
	void aFailingModelIsReportedNamingTheBeanAndTheProvidersMessage() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAiError(401,
				"Incorrect API key provided: sk-wrong.", "invalid_request_error", "invalid_api_key"));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk-wrong");
		SpringAiEmbedder embedder = new SpringAiEmbedder("openAiEmbeddingModel", model, null, 3,
				DEFAULT_STRATEGY);

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageStartingWith("Spring AI (bean 'openAiEmbeddingModel', OpenAiEmbeddingModel) failed to embed 1"
					+ " input(s) for model '(configured on the bean)'")
			.withMessageContaining("Incorrect API key provided");
	}

	@Test
	void aChunkOverTheStrategysLimitIsRefusedSayingWhatToChange() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbeddingModel model = SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk");
		SpringAiEmbedder embedder = new SpringAiEmbedder("m", model, null, 2,
				wordCounting(10));

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of(" a".repeat(30))))
			.withMessageContaining("in requests its batching strategy allows")
			.withMessageContaining("use a chunking configuration that produces smaller chunks");
		assertThat(server.requests()).isEmpty();
	}

	/** Spring AI's token count strategy with a tokenizer that counts words. */
	private static TokenCountBatchingStrategy wordCounting(int maxTokens) {
		TokenCountEstimator words = new TokenCountEstimator() {

			@Override
			public int estimate(String text) {
				return (text == null || text.isBlank()) ? 0 : text.strip().split("\\s+").length;
			}

			@Override
			public int estimate(MediaContent content) {
				return estimate(content.getText());
			}

			@Override
			public int estimate(Iterable<MediaContent> contents) {
				int tokens = 0;
				for (MediaContent content : contents) {
					tokens += estimate(content);
				}
				return tokens;
			}

		};
		return new TokenCountBatchingStrategy(words, maxTokens, 0, Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.NONE);
	}

}
