package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.pgaispring.embedding.Embedder;

/**
 * A zero-cost stand-in for an embedding model: every text gets one of {@value #VECTORS} unit vectors drawn
 * once, chosen by the text's length and middle character, so equal texts get equal vectors and a call
 * costs a few nanoseconds per text (hashing or drawing a vector per text would cost as much as the
 * worker's own work per chunk). The vectors are shared and must not be modified.
 */
final class HashedEmbedder implements Embedder {

	private static final int VECTORS = 1024;

	private final int dimensions;

	private final float[][] vectors;

	HashedEmbedder(int dimensions) {
		this.dimensions = dimensions;
		SplittableRandom random = new SplittableRandom(42);
		this.vectors = new float[VECTORS][];
		for (int i = 0; i < VECTORS; i++) {
			this.vectors[i] = RandomVectors.uniformOnSphere(random, dimensions);
		}
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
		int length = text.length();
		int index = 31 * length + ((length > 0) ? text.charAt(length / 2) : 0);
		return this.vectors[Math.floorMod(index, VECTORS)];
	}

}
