package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Map;

import io.github.pgaispring.sql.EmbeddingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SpringAiEmbeddingProvider} through {@link EmbedderFactory}: which {@code EmbeddingModel} bean a
 * {@code spring_ai} configuration gets, and pgai's LiteLLM models of providers Spring AI reaches, with Spring AI's
 * real OpenAI model against a local server speaking OpenAI's API.
 */
class SpringAiEmbeddingProviderTests {

	@RegisterExtension
	final EmbeddingTestServers servers = new EmbeddingTestServers();

	@Test
	void theOnlyBeanEmbedsWhenTheConfigurationNamesNone() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		EmbedderFactory factory = factory(Map.of("openAiEmbeddingModel",
				SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk")));

		Embedder embedder = factory.create(EmbeddingConfig.fromJson("""
				{"implementation": "spring_ai", "config_type": "embedding", "dimensions": 3}"""));

		assertThat(embedder).isInstanceOf(SpringAiEmbedder.class)
			.hasToString("Spring AI (bean 'openAiEmbeddingModel', OpenAiEmbeddingModel)");
		assertThat(embedder.embedDocuments(List.of("ab"))).singleElement().satisfies((v) -> assertThat(v[0]).isEqualTo(2f));
		assertThat(server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.body().path("model").stringValue()).isEqualTo("text-embedding-3-small"));
	}

	@Test
	void aNamedBeanIsUsedAndAMissingOneListsTheBeans() throws Exception {
		EmbeddingTestServer small = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		EmbeddingTestServer large = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 3));
		EmbedderFactory factory = factory(Map.of("small", SpringAiOpenAiModels.openAi(small.baseUrl(), "s", "sk"), "large",
				SpringAiOpenAiModels.openAi(large.baseUrl(), "l", "sk")));

		factory.create(EmbeddingConfig.springAi(3).withBean("large")).embedDocuments(List.of("x"));

		assertThat(small.requests()).isEmpty();
		assertThat(large.requests()).hasSize(1);
		assertThatIllegalArgumentException().isThrownBy(() -> factory.create(EmbeddingConfig.springAi(3).withBean("medium")))
			.withMessageContaining("The application has no Spring AI EmbeddingModel bean named 'medium'; its EmbeddingModel"
					+ " beans are [");
		assertThatIllegalArgumentException().isThrownBy(() -> factory.create(EmbeddingConfig.springAi(3)))
			.withMessageStartingWith("The application has several Spring AI EmbeddingModel beans [")
			.withMessageContaining("and none is @Primary; name one as the vectorizer's embedding bean");
	}

	@Test
	void withoutAnyBeanTheMessageSaysWhatToAdd() {
		assertThatIllegalArgumentException().isThrownBy(() -> factory(Map.of()).create(EmbeddingConfig.springAi(3)))
			.withMessageContaining("the application has no Spring AI EmbeddingModel bean: add a Spring AI model starter"
					+ " such as spring-ai-starter-model-openai with its settings, or declare an EmbeddingModel bean");
	}

	@Test
	void azureLitellmModelsRunWithTheOpenAiEmbeddingModelBeanAskingForTheDeployment() throws Exception {
		EmbeddingTestServer server = this.servers.start((request) -> EmbeddingProviderResponses.openAi(request, 4));
		EmbedderFactory factory = factory(Map.of("azureEmbeddings",
				SpringAiOpenAiModels.openAi(server.baseUrl(), "text-embedding-3-small", "sk-azure")));

		Embedder embedder = factory.create(EmbeddingConfig.fromJson("""
				{"implementation": "litellm", "config_type": "embedding", "model": "azure/team-embeddings",
				 "dimensions": 4, "extra_options": {"api_base": "https://example.openai.azure.com",
				 "api_version": "2024-10-21"}}"""));

		assertThat(embedder.embedDocuments(List.of("abc"))).singleElement().satisfies((v) -> assertThat(v[0]).isEqualTo(3f));
		assertThat(server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.body().path("model").stringValue()).isEqualTo("team-embeddings");
			assertThat(request.header("Authorization")).isEqualTo("Bearer sk-azure");
		});
	}

	@Test
	void litellmModelsOfProvidersWithoutTheirSpringAiBeanAreRefusedNamingTheClass() {
		EmbedderFactory factory = factory(Map.of("openAi", SpringAiOpenAiModels.openAi("http://127.0.0.1:9", "m", "sk")));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("mistral/mistral-embed", 1024)))
			.withMessage("The LiteLLM model 'mistral/mistral-embed' runs with a Spring AI MistralAiEmbeddingModel bean,"
					+ " and the application has none; add the Spring AI model starter for mistral with its settings"
					+ " (Azure OpenAI is Spring AI's OpenAI module set up for Microsoft Foundry)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("azure/team", 1536)
				.withExtraOptions(Map.of("encoding_format", "float"))))
			.withMessageContaining("has extra_options [encoding_format] that the starter cannot apply");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.litellm("cohere/embed-english-v3.0", 1024)))
			.withMessageContaining("azure/… with a Spring AI OpenAiEmbeddingModel bean")
			.withMessageNotContaining("with Spring AI (spring-ai-model");
	}

	private static EmbedderFactory factory(Map<String, OpenAiEmbeddingModel> models) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		models.forEach(beans::addBean);
		return EmbedderFactory.builder()
			.onnxThreads(1)
			.provider(new SpringAiEmbeddingProvider(beans, SpringAiEmbedderTests.DEFAULT_STRATEGY))
			.build();
	}

}
