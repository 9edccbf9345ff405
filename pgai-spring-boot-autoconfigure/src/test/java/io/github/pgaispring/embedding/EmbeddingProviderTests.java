package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Map;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.sql.EmbeddingOpenaiConfig;
import io.github.pgaispring.sql.EmbeddingVoyageaiConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link EmbeddingProvider} SPI through {@link EmbedderFactory}: an application's providers next to the
 * starter's, for custom and pgai implementations, replacing a starter provider, and the errors for unclaimed,
 * doubly claimed and mistyped implementations.
 */
class EmbeddingProviderTests {

	private static final EmbeddingProvider<EmbeddingCustomConfig> cohere = EmbeddingProvider.of("cohere",
			EmbeddingCustomConfig.class, (config) -> new FixedEmbedder(config.dimensions(),
					config.model() + "|" + config.options().get("input_type")));

	@Test
	void anApplicationProviderServesTheCustomImplementationItClaims() {
		EmbedderFactory factory = EmbedderFactory.builder().onnxThreads(1).provider(cohere).build();

		Embedder embedder = factory.create(EmbeddingConfig.fromJson("""
				{"implementation": "cohere", "config_type": "embedding", "model": "embed-english-v3.0",
				 "dimensions": 4, "input_type": "search_document"}"""));

		assertThat(embedder).isInstanceOfSatisfying(FixedEmbedder.class,
				(fixed) -> assertThat(fixed.label()).isEqualTo("embed-english-v3.0|search_document"));
		assertThat(factory.implementations()).containsExactly("cohere", "openai", "ollama", "voyageai", "onnx", "litellm");
	}

	@Test
	void anApplicationProviderServesAPgaiImplementationWithItsRecord() {
		EmbeddingProvider<EmbeddingVoyageaiConfig> voyage = EmbeddingProvider.of("voyageai",
				EmbeddingVoyageaiConfig.class, (config) -> new FixedEmbedder(config.dimensions(), config.inputType()));
		EmbedderFactory factory = EmbedderFactory.builder().onnxThreads(1).provider(voyage).build();

		Embedder embedder = factory.create(EmbeddingConfig.voyageai("voyage-3-lite", 512).withInputType("document"));

		assertThat(((FixedEmbedder) embedder).label()).isEqualTo("document");
	}

	@Test
	void anApplicationProviderReplacesTheStartersForTheSameImplementation() {
		EmbeddingProvider<EmbeddingOpenaiConfig> ownOpenAi = EmbeddingProvider.of("openai", EmbeddingOpenaiConfig.class,
				(config) -> new FixedEmbedder(config.dimensions(), "own"));
		EmbedderFactory factory = EmbedderFactory.builder().onnxThreads(1).provider(ownOpenAi).build();

		Embedder embedder = factory.create(EmbeddingConfig.openai("text-embedding-3-small", 8));

		assertThat(((FixedEmbedder) embedder).label()).isEqualTo("own");
		assertThat(factory.implementations()).containsExactly("openai", "ollama", "voyageai", "onnx", "litellm");
	}

	@Test
	void anUnclaimedImplementationFailsListingTheRegisteredOnes() {
		EmbedderFactory factory = EmbedderFactory.builder().onnxThreads(1).provider(cohere).build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingCustomConfig.of("gemini", "text-embedding-004", 768)))
			.withMessage("Unknown embedding implementation 'gemini'; use cohere, openai, ollama, voyageai, onnx or"
					+ " litellm, or declare an EmbeddingProvider bean that serves 'gemini'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmbedderFactory(List.of(cohere)).create(EmbeddingConfig.voyageai("voyage-3-lite", 512)))
			.withMessage("No embedding provider serves the implementation 'voyageai'; use cohere or litellm, or declare"
					+ " an EmbeddingProvider bean that serves 'voyageai'");
	}

	@Test
	void twoApplicationProvidersForOneImplementationAreRefused() {
		EmbeddingProvider<EmbeddingCustomConfig> other = EmbeddingProvider.of("cohere", EmbeddingCustomConfig.class,
				(config) -> new FixedEmbedder(config.dimensions(), "other"));

		assertThatIllegalStateException()
			.isThrownBy(() -> new EmbedderFactory(List.of(cohere, other)))
			.withMessageContaining("Embedding implementation 'cohere' is claimed by several providers")
			.withMessageContaining("EmbeddingProvider 'cohere' (EmbeddingCustomConfig), EmbeddingProvider 'cohere'")
			.withMessageContaining("keep one EmbeddingProvider bean per implementation name");
	}

	@Test
	void aProviderOfTheWrongConfigTypeIsNamedWithTheTypeToUse() {
		EmbeddingProvider<EmbeddingCustomConfig> voyage = EmbeddingProvider.of("voyageai", EmbeddingCustomConfig.class,
				(config) -> new FixedEmbedder(config.dimensions(), "custom"));
		EmbedderFactory factory = new EmbedderFactory(List.of(voyage));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(EmbeddingConfig.voyageai("voyage-3-lite", 512)))
			.withMessage("EmbeddingProvider 'voyageai' (EmbeddingCustomConfig) reads EmbeddingCustomConfig"
					+ " configurations, but 'voyageai' is stored as EmbeddingVoyageaiConfig; declare it as"
					+ " EmbeddingProvider<EmbeddingVoyageaiConfig>");
	}

	@Test
	void anEmbedderOfOtherDimensionsThanTheConfigIsRefused() {
		EmbeddingProvider<EmbeddingCustomConfig> fixed = EmbeddingProvider.of("fixed", EmbeddingCustomConfig.class,
				(config) -> new FixedEmbedder(3, "three"));
		EmbedderFactory factory = new EmbedderFactory(List.of(fixed));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.create(new EmbeddingCustomConfig("fixed", "m", 5, Map.of())))
			.withMessage("EmbeddingProvider 'fixed' (EmbeddingCustomConfig) built a 3-dimensional embedder for an"
					+ " embedding configuration of dimensions 5; make the configuration's dimensions match the model");
	}

	/** Returns vectors of ones, and the label its provider gave it. */
	record FixedEmbedder(int dimensions, String label) implements Embedder {

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			return texts.stream().map((text) -> new float[this.dimensions]).toList();
		}

	}

}
