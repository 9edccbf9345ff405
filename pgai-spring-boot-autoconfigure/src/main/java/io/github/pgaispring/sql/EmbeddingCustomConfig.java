package io.github.pgaispring.sql;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An embedding {@code implementation} this starter has no record of its own for, such as the name an
 * application's own embedding provider claims. The configuration keeps the name, the model, the dimensions
 * and every other key of the stored JSON object as options, so that the provider can read them.
 *
 * @param implementation the stored {@code implementation}, e.g. {@code gemini}
 * @param model the model, or {@code null} if the configuration names none
 * @param dimensions the vector length, or {@code null} if the configuration has none
 * @param options the other keys of the stored object (without {@code implementation}, {@code config_type},
 * {@code model} and {@code dimensions}), in their stored order; never {@code null}
 */
public record EmbeddingCustomConfig(String implementation, String model, Integer dimensions,
		Map<String, Object> options) implements EmbeddingConfig {

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
	 * Renders the configuration as the {@code jsonb} object it is stored as, since there is no config function
	 * for it: {@code '{"implementation": ..., "config_type": "embedding", ...}'::jsonb}.
	 */
	@Override
	public String toSql() {
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("implementation", this.implementation);
		stored.put("config_type", "embedding");
		if (this.model != null) {
			stored.put("model", this.model);
		}
		if (this.dimensions != null) {
			stored.put("dimensions", this.dimensions);
		}
		this.options.forEach(stored::putIfAbsent);
		return SqlLiterals.jsonb(stored);
	}

}
