package io.github.pgaispring.sql;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * Embeds through LiteLLM, which reaches many providers: {@code ai.embedding_litellm}.
 *
 * @param model the provider-prefixed model, e.g. {@code cohere/embed-english-v3.0}
 * @param dimensions the vector length
 * @param apiKeyName the environment variable or secret holding the API key, or {@code null}
 * @param extraOptions further provider options (a JSON object), or {@code null}
 */
public record EmbeddingLitellmConfig(String model, Integer dimensions, String apiKeyName,
		Map<String, Object> extraOptions) implements EmbeddingConfig {

	public EmbeddingLitellmConfig {
		Assert.hasText(model, "model is required for LiteLLM embeddings, e.g. 'cohere/embed-english-v3.0'");
		Assert.notNull(dimensions, "dimensions is required for LiteLLM embeddings, e.g. 1024");
		extraOptions = JsonOptions.copyOf(extraOptions);
	}

	/** Returns a copy that reads the API key from the given variable or secret. */
	public EmbeddingLitellmConfig withApiKeyName(String apiKeyName) {
		return new EmbeddingLitellmConfig(this.model, this.dimensions, apiKeyName, this.extraOptions);
	}

	/** Returns a copy with the given provider options. */
	public EmbeddingLitellmConfig withExtraOptions(Map<String, ?> extraOptions) {
		return new EmbeddingLitellmConfig(this.model, this.dimensions, this.apiKeyName,
				JsonOptions.copyOf(extraOptions));
	}

	/** Returns {@code "litellm"}. */
	@Override
	public String implementation() {
		return "litellm";
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_litellm")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("api_key_name", this.apiKeyName)
			.jsonb("extra_options", this.extraOptions)
			.toSql();
	}

}
