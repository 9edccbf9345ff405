package io.github.pgaispring.repository;

import io.github.pgaispring.embedding.Embedder;

/**
 * Finds the {@link Embedder} of the vectorizer that fills an embedding store, so that repository methods
 * taking a text query embed it with the same model as the stored chunks. Define one as a bean.
 */
@FunctionalInterface
public interface EmbedderResolver {

	/**
	 * Returns the embedder for a store.
	 * @param store the embedding store
	 * @return its vectorizer's embedder, never {@code null}
	 * @throws IllegalStateException if no vectorizer is known for the store
	 */
	Embedder resolve(EmbeddingStoreTable store);

	/**
	 * A resolver that uses one embedder for every store.
	 * @param embedder the embedder
	 * @return the resolver
	 */
	static EmbedderResolver using(Embedder embedder) {
		return (store) -> embedder;
	}

}
