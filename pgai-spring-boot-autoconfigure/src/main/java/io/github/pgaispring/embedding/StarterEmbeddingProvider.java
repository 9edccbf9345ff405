package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingConfig;

/**
 * The starter's own providers, which give way to an application's provider for the same implementation.
 *
 * @param <C> the configuration type
 */
sealed interface StarterEmbeddingProvider<C extends EmbeddingConfig> extends EmbeddingProvider<C>
		permits OpenAiEmbeddingProvider, OllamaEmbeddingProvider, OnnxEmbeddingProvider,
		VoyageAiEmbeddingProvider, SpringAiEmbeddingProvider {

}
