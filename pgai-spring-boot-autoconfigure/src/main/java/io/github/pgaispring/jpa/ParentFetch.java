package io.github.pgaispring.jpa;

/**
 * How an embedding entity generated for {@link Vectorized @Vectorized} loads its {@code parent}.
 */
public enum ParentFetch {

	/**
	 * Load the parent on first access, with its own select (pgai's default, {@code lazy="select"}).
	 */
	LAZY,

	/**
	 * Load the parent together with the embedding, in the same select (pgai's {@code lazy="joined"}).
	 */
	JOINED

}
