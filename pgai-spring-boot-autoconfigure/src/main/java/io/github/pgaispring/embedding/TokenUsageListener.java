package io.github.pgaispring.embedding;

import io.github.pgaispring.sql.EmbeddingConfig;

/**
 * Receives the tokens that providers report for a vectorizer's embedding calls (see {@link TokenCounting}). The
 * auto-configuration counts them in the Micrometer counter {@code pgai.embedding.tokens}, tagged with the
 * vectorizer, the provider and the model, when a {@code MeterRegistry} exists.
 */
@FunctionalInterface
public interface TokenUsageListener {

	/** A listener that ignores the counts. */
	TokenUsageListener NONE = (vectorizer, embedding, tokens) -> {
	};

	/**
	 * Called after an embedding call for which the provider reported tokens.
	 * @param vectorizer the vectorizer's name
	 * @param embedding its embedding configuration (implementation and model)
	 * @param tokens the tokens the call used
	 */
	void tokensUsed(String vectorizer, EmbeddingConfig embedding, long tokens);

}
