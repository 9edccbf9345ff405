package io.github.pgaispring.sql;

/**
 * Embeds in-process with a bundled ONNX model: {@code ai.embedding_onnx}. This is an addition of this
 * project; pgai has no such function.
 *
 * @param model {@code all-minilm-l6-v2} or {@code bge-small-en-v1.5}, or {@code null} for the server
 * default ({@code all-minilm-l6-v2})
 * @param dimensions the vector length (384 for both models), or {@code null} for the server default
 */
public record EmbeddingOnnxConfig(String model, Integer dimensions) implements EmbeddingConfig {

	/** Returns {@code "onnx"}. */
	@Override
	public String implementation() {
		return "onnx";
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_onnx")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.toSql();
	}

}
