package io.github.pgaispring.embedding;

import java.util.Map;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingLitellmConfig;

/**
 * Runs pgai's LiteLLM models of some LiteLLM providers through one of the starter's providers: maps a
 * {@code litellm} configuration to that provider's configuration. {@link LitellmModels} has the routes of the
 * starter's HTTP providers; a provider that reaches more LiteLLM providers (the Spring AI bridge) implements this
 * interface, and the {@link EmbedderFactory} asks it.
 */
interface LitellmRoute {

	/**
	 * The LiteLLM providers served, each with what serves it, for messages, e.g. {@code azure} to
	 * {@code a Spring AI OpenAiEmbeddingModel bean}.
	 * @return the providers (the prefix of LiteLLM's model string) and what serves them
	 */
	Map<String, String> litellmProviders();

	/**
	 * Maps a LiteLLM configuration of one of the {@link #litellmProviders()}.
	 * @param litellmProvider the LiteLLM provider, e.g. {@code azure}
	 * @param model the model without the provider, e.g. {@code my-embedding-deployment}
	 * @param config the whole configuration
	 * @return the configuration of the provider that embeds it
	 * @throws IllegalArgumentException if it cannot be served, saying why
	 */
	EmbeddingConfig route(String litellmProvider, String model, EmbeddingLitellmConfig config);

}
