package io.github.pgaispring.sql;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Embeds with Voyage AI: {@code ai.embedding_voyageai}.
 *
 * @param model the model, e.g. {@code voyage-3.5-lite}
 * @param dimensions the vector length
 * @param inputType {@code document} or {@code query}, or {@code null} for the server default
 * ({@code document})
 * @param apiKeyName the environment variable or secret holding the API key, or {@code null} for the
 * server default ({@code VOYAGE_API_KEY})
 * @param outputDimension the {@code output_dimension} sent to Voyage (models such as {@code voyage-3.5} return
 * 256, 512, 1024 or 2048 dimensions), or {@code null} for the model's default. pgai's worker reads it, but pgai's
 * SQL function has no parameter for it, so it is stored by adding the key to the function's result
 * @param outputDtype the {@code output_dtype} sent to Voyage ({@code float}, {@code int8}, {@code uint8}), or
 * {@code null} for {@code float}; stored like {@code outputDimension}
 */
public record EmbeddingVoyageaiConfig(String model, Integer dimensions, String inputType, String apiKeyName,
		Integer outputDimension, String outputDtype) implements EmbeddingConfig {

	public EmbeddingVoyageaiConfig {
		Assert.hasText(model, "model is required for Voyage AI embeddings, e.g. 'voyage-3.5-lite'");
		Assert.notNull(dimensions, "dimensions is required for Voyage AI embeddings, e.g. 1024");
	}

	/**
	 * Creates a configuration as pgai's SQL function stores it, without {@code output_dimension} and
	 * {@code output_dtype}.
	 */
	public EmbeddingVoyageaiConfig(String model, Integer dimensions, String inputType, String apiKeyName) {
		this(model, dimensions, inputType, apiKeyName, null, null);
	}

	/** Returns a copy with the given input type ({@code document} or {@code query}). */
	public EmbeddingVoyageaiConfig withInputType(String inputType) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, inputType, this.apiKeyName,
				this.outputDimension, this.outputDtype);
	}

	/** Returns a copy that reads the API key from the given variable or secret. */
	public EmbeddingVoyageaiConfig withApiKeyName(String apiKeyName) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, this.inputType, apiKeyName,
				this.outputDimension, this.outputDtype);
	}

	/** Returns a copy that asks Voyage for the given number of dimensions ({@code output_dimension}). */
	public EmbeddingVoyageaiConfig withOutputDimension(Integer outputDimension) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, this.inputType, this.apiKeyName,
				outputDimension, this.outputDtype);
	}

	/** Returns a copy that asks Voyage for the given data type ({@code output_dtype}). */
	public EmbeddingVoyageaiConfig withOutputDtype(String outputDtype) {
		return new EmbeddingVoyageaiConfig(this.model, this.dimensions, this.inputType, this.apiKeyName,
				this.outputDimension, outputDtype);
	}

	/** Returns {@code "voyageai"}. */
	@Override
	public String implementation() {
		return "voyageai";
	}

	@Override
	public String toSql() {
		String call = SqlFunctionCall.of("ai.embedding_voyageai")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("input_type", this.inputType)
			.text("api_key_name", this.apiKeyName)
			.toSql();
		if (this.outputDimension == null && this.outputDtype == null) {
			return call;
		}
		Map<String, Object> output = new LinkedHashMap<>();
		if (this.outputDimension != null) {
			output.put("output_dimension", this.outputDimension);
		}
		if (this.outputDtype != null) {
			output.put("output_dtype", this.outputDtype);
		}
		return "(" + call + " || " + SqlLiterals.jsonb(output) + ")";
	}

}
