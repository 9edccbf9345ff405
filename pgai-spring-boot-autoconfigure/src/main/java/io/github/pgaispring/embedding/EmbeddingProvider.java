package io.github.pgaispring.embedding;

import java.util.function.Function;

import io.github.pgaispring.sql.EmbeddingConfig;

import org.springframework.util.Assert;

/**
 * Builds {@link Embedder}s for one embedding {@code implementation}, the name a vectorizer's
 * {@code config.embedding.implementation} stores. Declare a provider as a bean and the starter uses it, next
 * to its own {@code openai}, {@code ollama}, {@code voyageai}, {@code onnx} and {@code spring_ai} providers, for
 * the worker's documents and for
 * the repositories' text queries alike; no starter bean needs replacing. A provider that claims the name of
 * one of the starter's own providers takes its place.
 * <p>
 * The configuration a provider gets is the typed record the stored JSON is read into: the record of a pgai
 * implementation ({@code EmbeddingVoyageaiConfig} for {@code voyageai}, ...) or, for any other name, an
 * {@link io.github.pgaispring.sql.EmbeddingCustomConfig} with the model, the dimensions and every other key
 * as options.
 *
 * @param <C> the configuration type the provider reads
 */
public interface EmbeddingProvider<C extends EmbeddingConfig> {

	/**
	 * The implementation name this provider serves, e.g. {@code cohere}.
	 * @return the name, as stored in {@code config.embedding.implementation}
	 */
	String implementation();

	/**
	 * The configuration record the provider reads; a stored configuration of another type is refused with a
	 * message naming both.
	 * @return the configuration type
	 */
	Class<C> configType();

	/**
	 * Builds an embedder for a vectorizer's embedding configuration. It is called once per configuration
	 * (again only when the configuration changes) and may check the configuration, throwing an
	 * {@link IllegalArgumentException} that says what to change.
	 * @param config the configuration
	 * @return the embedder, which must return vectors of the configuration's dimensions
	 */
	Embedder createEmbedder(C config);

	/**
	 * A provider from a function.
	 * @param <C> the configuration type
	 * @param implementation the implementation name it serves
	 * @param configType the configuration type it reads
	 * @param factory builds the embedder for a configuration
	 * @return the provider
	 */
	static <C extends EmbeddingConfig> EmbeddingProvider<C> of(String implementation, Class<C> configType,
			Function<? super C, ? extends Embedder> factory) {
		Assert.hasText(implementation, "implementation must not be empty");
		Assert.notNull(configType, "configType must not be null");
		Assert.notNull(factory, "factory must not be null");
		return new EmbeddingProvider<>() {

			@Override
			public String implementation() {
				return implementation;
			}

			@Override
			public Class<C> configType() {
				return configType;
			}

			@Override
			public Embedder createEmbedder(C config) {
				return factory.apply(config);
			}

			@Override
			public String toString() {
				return "EmbeddingProvider '" + implementation + "' (" + configType.getSimpleName() + ")";
			}

		};
	}

}
