package io.github.pgaispring.jpa;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PgVectorText} reads exactly the floats {@link Float#parseFloat(String)} reads.
 */
class PgVectorTextTests {

	@Test
	void readsPgvectorsTextForm() {
		assertThat(PgVectorText.parse("[0.04408308,-1.3819076e-05,1,-0,3e+20,0.1]"))
			.containsExactly(0.04408308f, -1.3819076e-05f, 1f, -0.0f, 3e20f, 0.1f);
		assertThat(PgVectorText.parse("[]")).isEmpty();
		assertThat(PgVectorText.parse(null)).isNull();
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("1,2"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("[1,x]"));
	}

	@Test
	void everyFloatReadsBackBitForBitAsFloatParseFloatReadsIt() {
		SplittableRandom random = new SplittableRandom(1);
		StringBuilder text = new StringBuilder("[");
		int count = 200_000;
		float[] expected = new float[count];
		for (int i = 0; i < count; i++) {
			float value = switch (i % 4) {
				case 0 -> (float) random.nextGaussian() / 20;
				case 1 -> Float.intBitsToFloat(random.nextInt());
				case 2 -> (float) (random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
				default -> Math.round(random.nextDouble() * 1e6) / 1e4f;
			};
			if (Float.isNaN(value) || Float.isInfinite(value)) {
				value = 1.5f;
			}
			String decimal = (i % 2 == 0) ? Float.toString(value) : shortestLowerCase(value);
			expected[i] = Float.parseFloat(decimal);
			text.append((i > 0) ? "," : "").append(decimal);
		}
		float[] parsed = PgVectorText.parse(text.append(']').toString());
		for (int i = 0; i < count; i++) {
			assertThat(Float.floatToRawIntBits(parsed[i])).as("element %d", i)
				.isEqualTo(Float.floatToRawIntBits(expected[i]));
		}
	}

	/** pgvector's style: lower-case exponent with a sign and two digits. */
	private static String shortestLowerCase(float value) {
		String java = Float.toString(value);
		int e = java.indexOf('E');
		if (e < 0) {
			return java;
		}
		int exponent = Integer.parseInt(java.substring(e + 1));
		return java.substring(0, e) + "e" + ((exponent < 0) ? "-" : "+") + String.format("%02d", Math.abs(exponent));
	}

}
