package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** The context of an {@link PgaiObservationDocumentation#EMBEDDING} observation: one call of a model. */
public class EmbeddingObservationContext extends Observation.Context {

	/** What is embedded. */
	public enum InputType {

		/** Chunks to store. */
		DOCUMENT,

		/** A search query. */
		QUERY

	}

	private final String provider;

	private final @Nullable String model;

	private final InputType inputType;

	private final int texts;

	private final @Nullable String vectorizer;

	/**
	 * Creates the context of one call.
	 * @param provider the embedding implementation, such as {@code openai}
	 * @param model the model, or {@code null} for the provider's default
	 * @param inputType documents or a query
	 * @param texts the number of texts embedded
	 * @param vectorizer the vectorizer whose batch embeds, if known
	 */
	public EmbeddingObservationContext(String provider, @Nullable String model, InputType inputType, int texts,
			@Nullable String vectorizer) {
		this.provider = provider;
		this.model = model;
		this.inputType = inputType;
		this.texts = texts;
		this.vectorizer = vectorizer;
	}

	/** The embedding implementation, such as {@code openai}. */
	public String getProvider() {
		return this.provider;
	}

	/** The model, or {@code null} for the provider's default. */
	public @Nullable String getModel() {
		return this.model;
	}

	/** Documents or a query. */
	public InputType getInputType() {
		return this.inputType;
	}

	/** The number of texts embedded. */
	public int getTexts() {
		return this.texts;
	}

	/** The vectorizer whose batch embeds, or {@code null} (a search query, or a call outside the worker). */
	public @Nullable String getVectorizer() {
		return this.vectorizer;
	}

}
