package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Map;

import io.github.pgaispring.sql.EmbeddingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * pgai's {@code litellm} vectorizers through {@link EmbedderFactory}: the model strings of providers the starter
 * has run with that provider against local servers speaking its API; the others are refused naming the mapping.
 */
class LitellmEmbeddingTests {

	private static final ApiKeyResolver KEYS = Map.of("OPENAI_API_KEY", "sk-default", "TEAM_KEY", "sk-team",
			"VOYAGE_API_KEY", "pa-default")::get;

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	@Test
	void openAiModelsRunWithTheOpenAiProviderAtTheirApiBase() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		EmbedderFactory factory = factory("http://127.0.0.1:9");

		Embedder embedder = factory.create(json("""
				{"implementation": "litellm", "config_type": "embedding", "model": "openai/text-embedding-3-small",
				 "dimensions": 4, "api_key_name": "TEAM_KEY", "extra_options": {"api_base": "%s/v1", "user": "ann"}}
				""".formatted(server.baseUrl())));

		assertThat(embedder).isInstanceOf(OpenAiEmbedder.class);
		assertThat(embedder.embedDocuments(List.of("a", "bb"))).extracting((vector) -> vector[0]).containsExactly(1f, 2f);
		assertThat(server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer sk-team");
			assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small");
			assertThat(request.body().path("user").stringValue()).isEqualTo("ann");
		});
	}

	@Test
	void anOpenAiModelWithoutPrefixUsesOpenAisDefaultKey() {
		Embedder embedder = factory("http://127.0.0.1:9").create(EmbeddingConfig.litellm("text-embedding-3-large", 256));

		assertThat(embedder).isInstanceOf(OpenAiEmbedder.class);
		assertThat(embedder.dimensions()).isEqualTo(256);
	}

	@Test
	void ollamaModelsRunWithTheOllamaProvider() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.ollama(request, 3));

		Embedder embedder = factory("http://127.0.0.1:9").create(EmbeddingConfig.litellm("ollama/nomic-embed-text", 3)
			.withExtraOptions(Map.of("api_base", server.baseUrl())));

		assertThat(embedder.embedDocuments(List.of("abc"))).singleElement().satisfies((v) -> assertThat(v[0]).isEqualTo(3f));
		assertThat(server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/api/embed");
			assertThat(request.body().path("model").stringValue()).isEqualTo("nomic-embed-text");
		});
	}

	@Test
	void voyageModelsRunWithTheVoyageProviderAndItsKey() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.voyage(request, 1024));

		Embedder embedder = factory(server.baseUrl() + "/v1").create(EmbeddingConfig.litellm("voyage/voyage-3.5", 512)
			.withExtraOptions(Map.of("input_type", "document", "dimensions", 512)));

		assertThat(embedder.embedDocuments(List.of("ab"))).singleElement().satisfies((v) -> assertThat(v).hasSize(512));
		assertThat(embedder.embedQuery("q")).hasSize(512);
		assertThat(server.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/v1/embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer pa-default");
			assertThat(request.body().path("model").stringValue()).isEqualTo("voyage-3.5");
			assertThat(request.body().path("output_dimension").intValue()).isEqualTo(512);
		});
		assertThat(server.requests()).extracting((request) -> request.body().path("input_type").stringValue())
			.containsExactly("document", "query");
	}

	@Test
	void providersTheStarterDoesNotReachAreRefusedNamingTheMapping() {
		EmbedderFactory factory = factory("http://127.0.0.1:9");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("cohere/embed-english-v3.0", 1024)))
			.withMessageStartingWith("The LiteLLM model 'cohere/embed-english-v3.0' is of provider 'cohere', which this"
					+ " starter does not reach; it runs LiteLLM models openai/… with the starter's OpenAI provider,"
					+ " ollama/… with the starter's Ollama provider, voyage/… with the starter's Voyage AI provider, and"
					+ " with Spring AI (spring-ai-model and a model starter on the class path) azure/…, bedrock/…,"
					+ " gemini/…, mistral/…, vertex_ai/… with a Spring AI EmbeddingModel bean")
			.withMessageEndingWith("Recreate the vectorizer with another embedding, or declare an EmbeddingProvider bean"
					+ " that serves 'litellm'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("my-finetuned-model", 1024)))
			.withMessageStartingWith("The LiteLLM model 'my-finetuned-model' names no provider, which this starter does"
					+ " not reach");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("azure/my-deployment", 1536)))
			.withMessageContaining("is of provider 'azure', which this starter does not reach")
			.withMessageContaining("with Spring AI (spring-ai-model and a model starter on the class path) azure/…");
	}

	@Test
	void optionsWithoutAnEquivalentAreRefused() {
		EmbedderFactory factory = factory("http://127.0.0.1:9");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("openai/text-embedding-3-small", 1536)
				.withExtraOptions(Map.of("encoding_format", "base64"))))
			.withMessage("The LiteLLM model 'openai/text-embedding-3-small' has extra_options [encoding_format] that"
					+ " the starter cannot apply (it applies api_base, user); remove them from the vectorizer's"
					+ " extra_options");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("ollama/all-minilm", 384)
				.withExtraOptions(Map.of("api_base", 11434))))
			.withMessage("The extra_options 'api_base' of the LiteLLM model 'ollama/all-minilm' must be a string, but"
					+ " was 11434");
	}

	@Test
	void aMappedProvidersRefusalNamesTheMapping() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory("http://127.0.0.1:9")
				.create(EmbeddingConfig.litellm("openai/text-embedding-ada-002", 768)))
			.withMessageStartingWith("The LiteLLM model 'openai/text-embedding-ada-002' runs as embedding 'openai'"
					+ " (ai.embedding_openai(model=>'text-embedding-ada-002', dimensions=>768)), which failed:")
			.withMessageContaining("use dimensions => 1536");
	}

	@Test
	void litellmIsListedAndAnApplicationsOwnLitellmProviderTakesOver() {
		EmbeddingProvider<io.github.pgaispring.sql.EmbeddingLitellmConfig> own = EmbeddingProvider.of("litellm",
				io.github.pgaispring.sql.EmbeddingLitellmConfig.class,
				(config) -> new EmbeddingProviderTests.FixedEmbedder(config.dimensions(), "proxy"));

		assertThat(factory("http://127.0.0.1:9").implementations())
			.containsExactly("openai", "ollama", "voyageai", "onnx", "litellm");
		EmbedderFactory withOwn = EmbedderFactory.builder().onnxThreads(1).provider(own).build();
		assertThat(withOwn.create(EmbeddingConfig.litellm("cohere/embed-english-v3.0", 8)))
			.isInstanceOfSatisfying(EmbeddingProviderTests.FixedEmbedder.class,
					(fixed) -> assertThat(fixed.label()).isEqualTo("proxy"));
		assertThat(withOwn.implementations()).containsExactly("litellm", "openai", "ollama", "voyageai", "onnx");
	}

	private static EmbedderFactory factory(String voyageAiBaseUrl) {
		return EmbedderFactory.builder()
			.apiKeyResolver(KEYS)
			.httpOptions(EmbeddingTestServers.FAST_HTTP_OPTIONS)
			.voyageAiBaseUrl(voyageAiBaseUrl)
			.onnxThreads(1)
			.build();
	}

	private static EmbeddingConfig json(String json) {
		return EmbeddingConfig.fromJson(json);
	}

}
