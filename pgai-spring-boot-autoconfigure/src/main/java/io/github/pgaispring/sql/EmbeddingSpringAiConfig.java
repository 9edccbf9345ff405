package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Embeds with a Spring AI {@code EmbeddingModel} bean of the application: {@code ai.embedding_spring_ai}. This is
 * an addition of this project; pgai has no such function.
 *
 * @param model the model each request asks the bean for (Spring AI's {@code EmbeddingOptions} model, e.g.
 * {@code text-embedding-3-small}), or {@code null} for the model the bean is configured with
 * @param dimensions the vector length the model returns (checked against every response)
 * @param bean the name of the {@code EmbeddingModel} bean, or {@code null} for the application's only (or
 * primary) one
 */
public record EmbeddingSpringAiConfig(String model, Integer dimensions, String bean) implements EmbeddingConfig {

	/** The implementation name, {@value}. */
	public static final String IMPLEMENTATION = "spring_ai";

	public EmbeddingSpringAiConfig {
		Assert.notNull(dimensions, "dimensions is required for Spring AI embeddings, e.g. 1536");
	}

	/** Returns a copy that embeds with the named {@code EmbeddingModel} bean. */
	public EmbeddingSpringAiConfig withBean(String bean) {
		return new EmbeddingSpringAiConfig(this.model, this.dimensions, bean);
	}

	/** Returns {@code "spring_ai"}. */
	@Override
	public String implementation() {
		return IMPLEMENTATION;
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.embedding_spring_ai")
			.text("model", this.model)
			.integer("dimensions", this.dimensions)
			.text("bean", this.bean)
			.toSql();
	}

}
