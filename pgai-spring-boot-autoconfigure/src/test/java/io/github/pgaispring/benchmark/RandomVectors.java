package io.github.pgaispring.benchmark;

import java.util.random.RandomGenerator;

/** Random unit vectors. */
final class RandomVectors {

	private RandomVectors() {
	}

	/**
	 * Draws a unit vector uniformly distributed on the sphere (normalised Gaussian samples).
	 * @param random the source of randomness
	 * @param dimensions the vector length
	 * @return a vector of L2 norm 1
	 */
	static float[] uniformOnSphere(RandomGenerator random, int dimensions) {
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) random.nextGaussian();
		}
		return normalise(vector);
	}

	private static float[] normalise(float[] vector) {
		double squares = 0;
		for (float value : vector) {
			squares += value * value;
		}
		float scale = (float) (1 / Math.sqrt(squares));
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

}
