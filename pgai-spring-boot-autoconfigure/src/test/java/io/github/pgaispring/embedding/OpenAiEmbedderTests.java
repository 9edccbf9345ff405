package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OpenAiEmbedder} against a local server speaking the OpenAI embeddings API.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiEmbedderTests {

	private static final String API_KEY = "sk-test-0123456789abcdef";

	private static final ApiKeyResolver KEYS = Map.of("OPENAI_API_KEY", API_KEY, "MY_KEY", "sk-other")::get;

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	private EmbeddingTestServer server;

	@Test
	void sendsOpenAiRequestAndReturnsVectorsInInputOrder() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 4).user("alice").build();

		List<float[]> vectors = embedder.embedDocuments(List.of("a", "bb", "ccc"));

		assertThat(vectors).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f);
		assertThat(vectors).allSatisfy((vector) -> assertThat(vector).hasSize(4));
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
			assertThat(request.header("Content-Type")).startsWith("application/json");
			assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small");
			assertThat(request.inputs()).containsExactly("a", "bb", "ccc");
			assertThat(request.body().path("dimensions").intValue()).isEqualTo(4);
			assertThat(request.body().path("user").stringValue()).isEqualTo("alice");
			assertThat(request.body().path("encoding_format").stringValue()).isEqualTo("float");
		});
	}

	@Test
	void embedsQueryLikeDocument() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 4).build();

		assertThat(embedder.embedQuery("four")[0]).isEqualTo(4f);
		assertThat(this.server.requests().get(0).inputs()).containsExactly("four");
		assertThat(this.server.requests().get(0).body().has("user")).isFalse();
	}

	@Test
	void omitsDimensionsForAda002() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 1536));
		OpenAiEmbedder embedder = embedder("text-embedding-ada-002", 1536).build();

		assertThat(embedder.embedDocuments(List.of("x"))).singleElement().satisfies((v) -> assertThat(v).hasSize(1536));
		assertThat(this.server.requests().get(0).body().has("dimensions")).isFalse();
	}

	@Test
	void rejectsAda002WithOtherDimensions() {
		assertThatIllegalArgumentException().isThrownBy(() -> OpenAiEmbedder.builder("text-embedding-ada-002", 768))
			.withMessageContaining("1536");
	}

	@Test
	void splitsRequestsAt2048Inputs() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();
		List<String> texts = IntStream.range(0, 2 * 2048 + 5).mapToObj((i) -> "t".repeat(1 + i % 7)).toList();

		List<float[]> vectors = embedder.embedDocuments(texts);

		assertThat(this.server.requests()).extracting((request) -> request.inputs().size())
			.containsExactly(2048, 2048, 5);
		assertThat(vectors).extracting((vector) -> (int) vector[0])
			.containsExactlyElementsOf(texts.stream().map(String::length).toList());
	}

	@Test
	void splitsRequestsAtEstimatedTokenLimit() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		// an OpenAI-compatible model with no known context: nothing is truncated, 40,000 bytes ≈ 10,000 tokens
		OpenAiEmbedder embedder = embedder("my-compatible-model", 2).build();
		List<String> texts = IntStream.range(0, 31).mapToObj((i) -> "é".repeat(20_000)).toList();

		List<float[]> vectors = embedder.embedDocuments(texts);

		assertThat(vectors).hasSize(31);
		assertThat(this.server.requests()).extracting((request) -> request.inputs().size()).containsExactly(30, 1);
	}

	@Test
	void truncatesInputsOverTheModelContext(CapturedOutput output) throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();
		String longText = "The quick brown fox jumps over the lazy dog. ".repeat(1000);
		Encoding cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
		assertThat(cl100k.countTokensOrdinary(longText)).isGreaterThan(8191);
		List<String> texts = List.of("short", longText);

		embedder.embedDocuments(texts);

		List<String> sent = this.server.requests().get(0).inputs();
		assertThat(sent.get(0)).isEqualTo("short");
		assertThat(cl100k.countTokensOrdinary(sent.get(1))).isEqualTo(8191);
		assertThat(longText).startsWith(sent.get(1));
		assertThat(texts.get(1)).isSameAs(longText);
		assertThat(output).contains("WARN").contains("truncated to 8191 tokens");
	}

	@Test
	void readsApiKeyNamedByApiKeyName() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).apiKeyName("MY_KEY").build();

		embedder.embedDocuments(List.of("x"));

		assertThat(this.server.requests().get(0).header("Authorization")).isEqualTo("Bearer sk-other");
	}

	@Test
	void missingApiKeyFailsNamingTheVariable() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).apiKeyName("ABSENT_KEY").build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("'ABSENT_KEY'")
			.withMessageContaining("api_key_name");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void unauthorizedFailsAtOnceWithProviderMessageAndWithoutTheKey() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAiError(401,
				"Incorrect API key provided: " + API_KEY + ". You can find your API key in your account.",
				"invalid_request_error", "invalid_api_key"));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("HTTP 401")
			.withMessageContaining("Incorrect API key provided")
			.withMessageContaining("text-embedding-3-small")
			.withMessageContaining("'OPENAI_API_KEY'")
			.withMessageNotContaining(API_KEY);
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void badRequestIsNotRetried() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAiError(400,
				"This model does not support specifying dimensions.", "invalid_request_error", "null"));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("HTTP 400 Bad Request: This model does not support specifying dimensions. Check");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void dimensionMismatchFailsClearly() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		OpenAiEmbedder embedder = embedder("my-compatible-model", 4).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("returned 3-dimensional embeddings")
			.withMessageContaining("configured for 4 dimensions");
	}

	@Test
	void aWrongLengthOfEveryVectorIsAConfigurationErrorThatFailsEveryRequest() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		OpenAiEmbedder embedder = embedder("my-compatible-model", 4).build();

		assertThatExceptionOfType(EmbeddingRejectedException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of("x", "yy")))
			.withMessageContaining("set the vectorizer's embedding dimensions to 3")
			.satisfies((ex) -> assertThat(ex.failsEveryRequest()).isTrue());
	}

	@Test
	void oneOddVectorIsTheProvidersFaultNotTheConfigurations() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingTestServer.Reply.json("{\"object\":\"list\",\"data\":["
				+ "{\"object\":\"embedding\",\"index\":0,\"embedding\":[1.0,2.0]},"
				+ "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1.0,2.0,3.0]},"
				+ "{\"object\":\"embedding\",\"index\":2,\"embedding\":[1.0,2.0]}]}"));
		OpenAiEmbedder embedder = embedder("my-compatible-model", 2).build();

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of("x", "y", "z")))
			.isNotInstanceOf(EmbeddingRejectedException.class)
			.withMessageContaining("returned 1 of 3 embeddings with other dimensions than the configured 2 (input 1: 3)")
			.withMessageContaining("a fault of the provider, not of the vectorizer's configuration")
			.withMessageNotContaining("set the vectorizer's embedding dimensions");
	}

	@Test
	void anUnreadableAnswerNamesTheFieldNotTheStartersClasses() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingTestServer.Reply.json("{\"object\":\"list\",\"data\":["
				+ "{\"object\":\"embedding\",\"index\":0,\"embedding\":{\"float\":[1.0]}}]}"));
		OpenAiEmbedder embedder = embedder("my-compatible-model", 2).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("with a body it could not read at data[0].embedding (")
			.withMessageContaining("check that the base URL points at the OpenAI API")
			.withMessageNotContaining("reference chain")
			.withMessageNotContaining("OpenAiEmbedder")
			.withMessageNotContaining("io.github")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void aBadKeyFailsEveryRequestAndABadInputOnlyItsOwn() throws Exception {
		this.server = this.servers.start((request) -> request.inputs().contains("bad")
				? EmbeddingProviderResponses.openAiError(400, "Invalid input", "invalid_request_error", null)
				: EmbeddingProviderResponses.openAiError(401, "Incorrect API key provided: sk-test-***cdef.",
						"invalid_request_error", "invalid_api_key"));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();

		assertThatExceptionOfType(EmbeddingRejectedException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of("good")))
			.withMessageContaining("HTTP 401 Unauthorized: Incorrect API key provided")
			.withMessageContaining("Check the API key in the environment variable or Spring property 'OPENAI_API_KEY'")
			.satisfies((ex) -> assertThat(ex.failsEveryRequest()).isTrue());
		assertThatExceptionOfType(EmbeddingRejectedException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of("bad")))
			.withMessageContaining("HTTP 400 Bad Request: Invalid input")
			.satisfies((ex) -> assertThat(ex.failsEveryRequest()).isFalse());
		assertThat(this.server.requests()).as("neither is retried").hasSize(2);
	}

	@Test
	void countsTheTokensTheServerReports() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).build();

		embedder.embedDocuments(List.of("a", "b", "c"));
		embedder.embedQuery("d");

		assertThat(embedder.tokensUsed()).as("usage.total_tokens: one per input here").isEqualTo(4);
	}

	@Test
	void missingEmbeddingInResponseFailsClearly() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingTestServer.Reply
			.json("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[1.0,2.0]}]}"));
		OpenAiEmbedder embedder = embedder("my-compatible-model", 2).build();

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of("x", "y")))
			.withMessageContaining("returned 1 embeddings for 2 inputs");
	}

	@Test
	void embedsNothingWithoutCallingTheApi() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 2));
		OpenAiEmbedder embedder = embedder("text-embedding-3-small", 2).apiKeyName("ABSENT_KEY").build();

		assertThat(embedder.embedDocuments(List.of())).isEmpty();
		assertThat(this.server.requests()).isEmpty();
	}

	private OpenAiEmbedder.Builder embedder(String model, int dimensions) {
		return OpenAiEmbedder.builder(model, dimensions)
			.baseUrl(this.server.baseUrl() + "/v1/")
			.apiKeyResolver(KEYS)
			.httpOptions(EmbeddingTestServers.FAST_HTTP_OPTIONS);
	}

}
