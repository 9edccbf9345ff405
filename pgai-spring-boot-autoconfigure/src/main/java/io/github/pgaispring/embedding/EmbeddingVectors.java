package io.github.pgaispring.embedding;

import java.util.List;
import java.util.Objects;

/**
 * Checks the vectors a provider returned against the request: one per input, each of the configured length. Only
 * when every vector has the same other length is the configuration at fault; one odd vector is the provider's.
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
	 * @throws EmbeddingRejectedException if every vector has the same other length (the configuration is wrong)
	 * @throws EmbeddingException if a vector is missing, or only some have another length (the provider is at
	 * fault)
	 */
	static void require(List<float[]> vectors, int inputCount, int expectedDimensions,
			String provider, String model) {
		if (vectors.size() != inputCount || vectors.contains(null)) {
			throw new EmbeddingException(provider + " returned " + vectors.stream().filter(Objects::nonNull).count()
					+ " embeddings for " + inputCount + " inputs of model '" + model
					+ "'; check that the base URL points at the " + provider + " API");
		}
		int wrong = 0;
		int firstWrong = -1;
		for (int i = 0; i < vectors.size(); i++) {
			if (vectors.get(i).length != expectedDimensions) {
				wrong++;
				firstWrong = (firstWrong < 0) ? i : firstWrong;
			}
		}
		if (wrong == 0) {
			return;
		}
		int length = vectors.get(firstWrong).length;
		boolean allAlike = vectors.stream().allMatch((vector) -> vector.length == length);
		if (allAlike) {
			requireDimensions(length, expectedDimensions, provider, model);
		}
		throw new EmbeddingException(provider + " model '" + model + "' returned " + wrong + " of " + vectors.size()
				+ " embeddings with other dimensions than the configured " + expectedDimensions + " (input " + firstWrong
				+ ": " + length + "); vectors of one answer that differ in length are a fault of the provider, not of the"
				+ " vectorizer's configuration, so the rows are retried");
	}

	/**
	 * Checks that a model's vectors have the configured length.
	 * @param actualDimensions the length the model produced
	 * @param expectedDimensions the dimensions the vectorizer is configured with
	 * @param provider the provider's display name, used in messages
	 * @param model the model, used in messages
	 * @throws EmbeddingRejectedException if the lengths differ
	 */
	static void requireDimensions(int actualDimensions, int expectedDimensions, String provider, String model) {
		if (actualDimensions != expectedDimensions) {
			throw new EmbeddingRejectedException(provider + " model '" + model + "' returned " + actualDimensions
					+ "-dimensional embeddings, but the vectorizer is configured for " + expectedDimensions
					+ " dimensions; set the vectorizer's embedding dimensions to " + actualDimensions
					+ " (and the embedding column to vector(" + actualDimensions + ")) or choose a model that"
					+ " produces " + expectedDimensions + " dimensions", true);
		}
	}

}
