package io.github.pgaispring.jpa;

/**
 * Gives the benchmarks, which live in another package, the vector reader the repositories use, so that a bare-JDBC
 * baseline can decode vectors exactly as the repository path does and the comparison isolates everything else.
 */
public final class PgVectorTextBridge {

	private PgVectorTextBridge() {
	}

	/**
	 * Parses pgvector's text form as the repositories' {@code float[]} attributes are read.
	 * @param text pgvector's text form
	 * @return the elements
	 */
	public static float[] parse(String text) {
		return PgVectorText.parse(text);
	}

}
