package io.github.pgaispring.embedding;

/**
 * An {@link Embedder} whose provider reports how many tokens its requests used: OpenAI's and Voyage AI's
 * {@code usage.total_tokens}, Ollama's {@code prompt_eval_count}, a Spring AI model's usage metadata. The
 * {@link EmbedderFactory} passes what it reports, per vectorizer, to its {@link TokenUsageListener}; with
 * Micrometer that is the counter {@code pgai.embedding.tokens}.
 */
public interface TokenCounting {

	/**
	 * Returns the tokens the provider reported for this embedder's requests so far, documents and queries alike.
	 * @return the running total
	 */
	long tokensUsed();

}
