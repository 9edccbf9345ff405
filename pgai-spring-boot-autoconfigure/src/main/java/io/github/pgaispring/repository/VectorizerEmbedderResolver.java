package io.github.pgaispring.repository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.sql.VectorizerCatalog;

/**
 * Embeds search queries with the model of the vectorizer that writes the store, as its stored
 * {@code ai.vectorizer} configuration says: the counterpart of pgai's {@code ai.openai_embed(...)} in a
 * query, run in the application instead of the database.
 */
public final class VectorizerEmbedderResolver implements EmbedderResolver {

	private final VectorizerCatalog vectorizers;

	private final EmbedderFactory embedderFactory;

	private final Map<EmbeddingStoreTable, Embedder> embedders = new ConcurrentHashMap<>();

	/**
	 * Creates the resolver.
	 * @param vectorizers the vectorizer catalog
	 * @param embedderFactory builds an embedder from a stored embedding configuration
	 */
	public VectorizerEmbedderResolver(VectorizerCatalog vectorizers, EmbedderFactory embedderFactory) {
		this.vectorizers = vectorizers;
		this.embedderFactory = embedderFactory;
	}

	@Override
	public Embedder resolve(EmbeddingStoreTable store) {
		return this.embedders.computeIfAbsent(store, (key) -> this.embedderFactory.create(this.vectorizers
			.findByDestination(key.schema(), key.table())
			.orElseThrow(() -> new IllegalStateException("No vectorizer writes embedding store " + key.table()
					+ "; create one (pgai.vectorizers.* or ai.create_vectorizer) before searching it"))));
	}

}
