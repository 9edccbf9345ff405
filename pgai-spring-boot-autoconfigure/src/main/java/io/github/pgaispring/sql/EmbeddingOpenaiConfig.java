package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Embeds with OpenAI or an OpenAI-compatible API: {@code ai.embedding_openai}.
 *
 * @param model the model, e.g. {@code text-embedding-3-small}
 * @param dimensions the vector length
 * @param chatUser the end-user id sent to OpenAI (stored as {@code user}), or {@code null}
 * @param apiKeyName the environment variable or secret holding the API key, or {@code null} for the
 * server default ({@code OPENAI_API_KEY})
 * @param baseUrl the API base URL, or {@code null} for OpenAI's
 */
public record EmbeddingOpenaiConfig(String model, Integer dimensions, String chatUser, String apiKeyName,
		String baseUrl) implements EmbeddingConfig {

	public EmbeddingOpenaiConfig {
		Assert.hasText(model, "model is required for OpenAI embeddings, e.g. 'text-embedding-3-small'");
		Assert.notNull(dimensions, "dimensions is required for OpenAI embeddings, e.g. 1536");
	}

	/** Returns a copy that sends the given end-user id. */
	public EmbeddingOpenaiConfig withChatUser(String chatUser) {
		return new EmbeddingOpenaiConfig(this.model, this.dimensions, chatUser, this.apiKeyName, this.baseUrl);
	}

	/** Returns a copy that reads the API key from the given variable or secret. */
	public EmbeddingOpenaiConfig withApiKeyName(String apiKeyName) {
		return new EmbeddingOpenaiConfig(this.model, this.dimensions, this.chatUser, apiKeyName, this.baseUrl);
	}

	/** Returns a copy that calls the given base URL. */
	public EmbeddingOpenaiConfig withBaseUrl(String baseUrl) {
		return new EmbeddingOpenaiConfig(this.model, this.dimensions, this.chatUser, this.apiKeyName, baseUrl);
	}

	/** Returns {@code "openai"}. */
	@Override
	public String implementation() {
		return "openai";
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_openai")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("chat_user", this.chatUser)
			.text("api_key_name", this.apiKeyName)
			.text("base_url", this.baseUrl)
			.toSql();
	}

}
