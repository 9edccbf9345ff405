package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Embeds with Voyage AI: {@code ai.embedding_voyageai}.
 *
 * @param model the model, e.g. {@code voyage-3-lite}
 * @param dimensions the vector length
 * @param inputType {@code document} or {@code query}, or {@code null} for the server default
 * ({@code document})
 * @param apiKeyName the environment variable or secret holding the API key, or {@code null} for the
 * server default ({@code VOYAGE_API_KEY})
 */
public record EmbeddingVoyageaiConfig(String model, Integer dimensions, String inputType, String apiKeyName)
		implements EmbeddingConfig {

	public EmbeddingVoyageaiConfig {
		Assert.hasText(model, "model is required for Voyage AI embeddings, e.g. 'voyage-3-lite'");
		Assert.notNull(dimensions, "dimensions is required for Voyage AI embeddings, e.g. 512");
	}

	/** Returns a copy with the given input type ({@code document} or {@code query}). */
	public EmbeddingVoyageaiConfig withInputType(String inputType) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, inputType, this.apiKeyName);
	}

	/** Returns a copy that reads the API key from the given variable or secret. */
	public EmbeddingVoyageaiConfig withApiKeyName(String apiKeyName) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, this.inputType, apiKeyName);
	}

	/** Returns {@code "voyageai"}. */
	@Override
	public String implementation() {
		return "voyageai";
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_voyageai")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("input_type", this.inputType)
			.text("api_key_name", this.apiKeyName)
			.toSql();
	}

}
