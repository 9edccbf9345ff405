package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Objects;

/**
 * Checks the vectors a provider returned against the request: one per input, each of the configured length.
 */
final class EmbeddingVectors {

	private EmbeddingVectors() {
	}

	/**
	 * Checks that a provider returned one vector of the configured length per input.
	 * @param vectors the vectors, in input order (with {@code null} where the provider sent none)
	 * @param inputCount how many inputs were sent
	 * @param expectedDimensions the dimensions the vectorizer is configured with
	 * @param provider the provider's display name, used in messages
	 * @param model the model, used in messages
	 * @throws EmbeddingException if a vector is missing or has another length
	 */
	static void require(List<float[]> vectors, int inputCount, int expectedDimensions,
			String provider, String model) {
		if (vectors.size() != inputCount || vectors.contains(null)) {
			throw new EmbeddingException(provider + " returned " + vectors.stream().filter(Objects::nonNull).count()
					+ " embeddings for " + inputCount + " inputs of model '" + model
					+ "'; check that the base URL points at the " + provider + " API");
		}
		for (float[] vector : vectors) {
			requireDimensions(vector.length, expectedDimensions, provider, model);
		}
	}

	/**
	 * Checks that a model's vectors have the configured length.
	 * @param actualDimensions the length the model produced
	 * @param expectedDimensions the dimensions the vectorizer is configured with
	 * @param provider the provider's display name, used in messages
	 * @param model the model, used in messages
	 * @throws EmbeddingException if the lengths differ
	 */
	static void requireDimensions(int actualDimensions, int expectedDimensions, String provider, String model) {
		if (actualDimensions != expectedDimensions) {
			throw new EmbeddingException(provider + " model '" + model + "' returned " + actualDimensions
					+ "-dimensional embeddings, but the vectorizer is configured for " + expectedDimensions
					+ " dimensions; set the vectorizer's embedding dimensions to " + actualDimensions
					+ " (and the embedding column to vector(" + actualDimensions + ")) or choose a model that"
					+ " produces " + expectedDimensions + " dimensions");
		}
	}

}
