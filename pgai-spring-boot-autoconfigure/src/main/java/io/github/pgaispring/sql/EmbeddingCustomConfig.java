package io.github.pgaispring.sql;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * An embedding {@code implementation} this starter has no record of its own for, such as the name an
 * application's own embedding provider claims: {@code ai.embedding_custom}. The configuration keeps the name,
 * the model, the dimensions and every other key of the stored JSON object as options, so that the provider can
 * read them.
 *
 * @param implementation the stored {@code implementation}, e.g. {@code gemini}
 * @param model the model, or {@code null} if the configuration names none
 * @param dimensions the vector length, or {@code null} if the configuration has none
 * @param options the other keys of the stored object (without {@code implementation}, {@code config_type},
 * {@code model}, {@code dimensions} and the {@value #MARKER} marker), in their stored order; never {@code null}
 */
public record EmbeddingCustomConfig(String implementation, String model, Integer dimensions,
		Map<String, Object> options) implements EmbeddingConfig {

	/**
	 * The key {@code ai.embedding_custom} adds to the objects it returns ({@code "custom": true}), by which
	 * {@code ai.create_vectorizer} tells an application's implementation from a misspelt one of the catalog's; it
	 * is not one of the {@link #options()}.
	 */
	public static final String MARKER = "custom";

	public EmbeddingCustomConfig {
		Assert.hasText(implementation, "implementation is required: the name the embedding provider claims");
		options = JsonOptions.copyOf((options != null) ? options : Map.of());
	}

	/**
	 * Creates a configuration without options.
	 * @param implementation the implementation name
	 * @param model the model
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	public static EmbeddingCustomConfig of(String implementation, String model, int dimensions) {
		return new EmbeddingCustomConfig(implementation, model, dimensions, null);
	}

	/** Returns a copy with the given options. */
	public EmbeddingCustomConfig withOptions(Map<String, ?> options) {
		return new EmbeddingCustomConfig(this.implementation, this.model, this.dimensions, JsonOptions.copyOf(options));
	}

	/**
	 * Renders {@code ai.embedding_custom(implementation=>..., model=>..., dimensions=>..., options=>...)}, which
	 * stores the options as keys of the embedding object next to the model and dimensions.
	 */
	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_custom")
			.text("implementation", this.implementation)
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.jsonb("options", this.options.isEmpty() ? null : this.options)
			.toSql();
	}

}
