package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.pgaispring.embedding.Embedder;

/**
 * A zero-cost stand-in for an embedding model: every text gets a unit vector drawn from a generator seeded
 * with the text's hash, so equal texts get equal vectors and the call takes about a microsecond per text.
 */
final class HashedEmbedder implements Embedder {

	private final int dimensions;

	HashedEmbedder(int dimensions) {
		this.dimensions = dimensions;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (String text : texts) {
			vectors.add(embed(text));
		}
		return vectors;
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	/** The vector of one text. */
	float[] embed(String text) {
		return RandomVectors.cheap(new SplittableRandom(text.hashCode()), this.dimensions);
	}

}
