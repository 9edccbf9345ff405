package io.github.pgaispring.embedding;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VoyageAiEmbedder} against a local server speaking Voyage AI's embeddings API.
 */
class VoyageAiEmbedderTests {

	private static final String API_KEY = "pa-test-5e2f9b";

	private static final ApiKeyResolver KEYS = Map.of("VOYAGE_API_KEY", API_KEY, "TEAM_VOYAGE_KEY", "pa-team")::get;

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	private EmbeddingTestServer server;

	@Test
	void embedsDocumentsAsDocumentsAndQueriesAsQueries() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 4));
		VoyageAiEmbedder embedder = embedder("voyage-3.5-lite", 4).build();

		List<float[]> vectors = embedder.embedDocuments(List.of("a", "bb", "ccc"));
		float[] query = embedder.embedQuery("four");

		assertThat(vectors).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f);
		assertThat(query).hasSize(4).startsWith(4f);
		assertThat(this.server.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
			assertThat(request.body().path("model").stringValue()).isEqualTo("voyage-3.5-lite");
			assertThat(request.body().has("output_dimension")).isFalse();
			assertThat(request.body().has("output_dtype")).isFalse();
		});
		assertThat(this.server.requests()).extracting((request) -> request.body().path("input_type").stringValue())
			.containsExactly("document", "query");
		assertThat(this.server.requests().get(0).inputs()).containsExactly("a", "bb", "ccc");
		assertThat(embedder.tokensUsed()).as("usage.total_tokens of both responses (the server counts characters)")
			.isEqualTo(1 + 2 + 3 + 4);
	}

	@Test
	void sendsOutputDimensionAndDtypeAndTheNamedKey() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 1024));
		VoyageAiEmbedder embedder = embedder("voyage-3.5", 256).outputDimension(256)
			.outputDtype("float")
			.apiKeyName("TEAM_VOYAGE_KEY")
			.build();

		assertThat(embedder.embedDocuments(List.of("hello"))).singleElement()
			.satisfies((vector) -> assertThat(vector).hasSize(256));
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.body().path("output_dimension").intValue()).isEqualTo(256);
			assertThat(request.body().path("output_dtype").stringValue()).isEqualTo("float");
			assertThat(request.header("Authorization")).isEqualTo("Bearer pa-team");
		});
	}

	@Test
	void withoutInputTypeNeitherDocumentsNorQueriesHaveOne() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 3));
		VoyageAiEmbedder embedder = embedder("voyage-3-lite", 3).inputType(null).build();

		embedder.embedDocuments(List.of("x"));
		embedder.embedQuery("y");

		assertThat(this.server.requests()).allSatisfy((request) -> assertThat(request.body().has("input_type")).isFalse());
	}

	@Test
	void sendsAtMost128InputsPerRequest() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 2));
		VoyageAiEmbedder embedder = embedder("voyage-3.5-lite", 2).build();
		List<String> texts = IntStream.range(0, 300).mapToObj((i) -> "t".repeat(1 + i % 7)).toList();

		List<float[]> vectors = embedder.embedDocuments(texts);

		assertThat(this.server.requests()).extracting((request) -> request.inputs().size()).containsExactly(128, 128, 44);
		assertThat(vectors).extracting((vector) -> (int) vector[0])
			.containsExactlyElementsOf(texts.stream().map(String::length).toList());
	}

	@Test
	void keepsEachRequestWithinTheModelsTokenLimit() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 2));
		// voyage-3.5 takes 320,000 tokens per request; 90,000 bytes are estimated at 30,000 tokens each
		String large = "x".repeat(90_000);
		VoyageAiEmbedder embedder = embedder("voyage-3.5", 2).build();

		embedder.embedDocuments(Collections.nCopies(25, large));

		assertThat(this.server.requests()).extracting((request) -> request.inputs().size()).containsExactly(10, 10, 5);
		assertThat(VoyageAiEmbedder.maxTokensPerRequest("voyage-3.5-lite")).isEqualTo(1_000_000);
		assertThat(VoyageAiEmbedder.maxTokensPerRequest("voyage-3-lite")).isEqualTo(1_000_000);
		assertThat(VoyageAiEmbedder.maxTokensPerRequest("voyage-3")).isEqualTo(320_000);
		assertThat(VoyageAiEmbedder.maxTokensPerRequest("voyage-2")).isEqualTo(320_000);
		assertThat(VoyageAiEmbedder.maxTokensPerRequest("voyage-code-3")).isEqualTo(120_000);
	}

	@Test
	void aRejectionCarriesVoyagesDetailAndIsNotRetried() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyageError(400,
				"Value 100 for output_dimension is not supported. Supported values are 256, 512, 1024, 2048."));
		VoyageAiEmbedder embedder = embedder("voyage-3.5", 100).outputDimension(100).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageContaining("Voyage AI rejected the embeddings request for model 'voyage-3.5'")
			.withMessageContaining("HTTP 400 Bad Request: Value 100 for output_dimension is not supported");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void rateLimitsAreRetried() throws Exception {
		List<Boolean> first = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.server = this.servers.start((request) -> first.add(true) && first.size() == 1
				? EmbeddingProviderResponses.voyageError(429, "You have exceeded your rate limit")
				: EmbeddingProviderResponses.voyage(request, 2));
		VoyageAiEmbedder embedder = embedder("voyage-3.5-lite", 2).build();

		assertThat(embedder.embedDocuments(List.of("ab"))).singleElement().satisfies((v) -> assertThat(v[0]).isEqualTo(2f));
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void aMissingKeyNamesTheVariableToSet() {
		VoyageAiEmbedder embedder = VoyageAiEmbedder.builder("voyage-3.5-lite", 2)
			.apiKeyResolver((name) -> null)
			.baseUrl("http://127.0.0.1:9")
			.build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessage("No API key for Voyage AI model 'voyage-3.5-lite': set the environment variable or Spring"
					+ " property 'VOYAGE_API_KEY' (the vectorizer's api_key_name), or change api_key_name to the"
					+ " variable that holds the key");
	}

	@Test
	void vectorsOfOtherDimensionsFailNamingBoth() throws Exception {
		this.server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 1024));
		VoyageAiEmbedder embedder = embedder("voyage-3.5-lite", 512).build();

		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> embedder.embedDocuments(List.of("x")))
			.withMessageStartingWith("Voyage AI model 'voyage-3.5-lite' returned 1024-dimensional embeddings, but the"
					+ " vectorizer is configured for 512 dimensions");
	}

	@Test
	void refusesInputTypesAndDtypesVoyageDoesNotHaveForVectors() {
		assertThatIllegalArgumentException().isThrownBy(() -> VoyageAiEmbedder.builder("voyage-3", 3).inputType("both"))
			.withMessage("The Voyage AI input_type must be 'document', 'query' or null but was 'both'");
		assertThatIllegalArgumentException().isThrownBy(() -> VoyageAiEmbedder.builder("voyage-3", 3).outputDtype("binary"))
			.withMessageContaining("must be 'float', 'int8' or 'uint8'");
	}

	private VoyageAiEmbedder.Builder embedder(String model, int dimensions) {
		return VoyageAiEmbedder.builder(model, dimensions)
			.apiKeyResolver(KEYS)
			.httpOptions(EmbeddingTestServers.FAST_HTTP_OPTIONS)
			.baseUrl(this.server.baseUrl() + "/v1");
	}

}
