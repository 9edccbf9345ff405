package io.github.pgaispring.sql;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * Embeds with an Ollama server: {@code ai.embedding_ollama}.
 *
 * @param model the model, e.g. {@code nomic-embed-text}
 * @param dimensions the vector length
 * @param baseUrl the server URL, or {@code null} for the worker's default
 * @param options Ollama model options (a JSON object, e.g. {@code num_ctx}), or {@code null}
 * @param keepAlive how long Ollama keeps the model loaded, e.g. {@code 5m}, or {@code null}
 */
public record EmbeddingOllamaConfig(String model, Integer dimensions, String baseUrl, Map<String, Object> options,
		String keepAlive) implements EmbeddingConfig {

	public EmbeddingOllamaConfig {
		Assert.hasText(model, "model is required for Ollama embeddings, e.g. 'nomic-embed-text'");
		Assert.notNull(dimensions, "dimensions is required for Ollama embeddings, e.g. 768");
		options = JsonOptions.copyOf(options);
	}

	/** Returns a copy that calls the given server. */
	public EmbeddingOllamaConfig withBaseUrl(String baseUrl) {
		return new EmbeddingOllamaConfig(this.model, this.dimensions, baseUrl, this.options, this.keepAlive);
	}

	/** Returns a copy with the given model options. */
	public EmbeddingOllamaConfig withOptions(Map<String, ?> options) {
		return new EmbeddingOllamaConfig(this.model, this.dimensions, this.baseUrl, JsonOptions.copyOf(options),
				this.keepAlive);
	}

	/** Returns a copy that keeps the model loaded for the given time. */
	public EmbeddingOllamaConfig withKeepAlive(String keepAlive) {
		return new EmbeddingOllamaConfig(this.model, this.dimensions, this.baseUrl, this.options, keepAlive);
	}

	/** Returns {@code "ollama"}. */
	@Override
	public String implementation() {
		return "ollama";
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_ollama")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("base_url", this.baseUrl)
			.jsonb("options", this.options)
			.text("keep_alive", this.keepAlive)
			.toSql();
	}

}
