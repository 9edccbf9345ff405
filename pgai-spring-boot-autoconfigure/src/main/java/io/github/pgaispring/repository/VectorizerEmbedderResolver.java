package io.github.pgaispring.repository;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;

/**
 * Embeds search queries with the model of the vectorizer that writes the store, as its stored
 * {@code ai.vectorizer} configuration says: the counterpart of pgai's {@code ai.openai_embed(...)} in a
 * query, run in the application instead of the database. The configuration is read again at most once per
 * {@link #RECHECK_INTERVAL}, so the model a vectorizer migration switched to is used within that time.
 */
public final class VectorizerEmbedderResolver implements EmbedderResolver {

	/** How long an embedder is used before the vectorizer's embedding configuration is read again. */
	static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

	private final VectorizerCatalog vectorizers;

	private final EmbedderFactory embedderFactory;

	private final Map<EmbeddingStoreTable, Resolved> embedders = new ConcurrentHashMap<>();

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
		Resolved resolved = this.embedders.get(store);
		if (resolved != null && System.nanoTime() - resolved.checkedAt() < RECHECK_INTERVAL.toNanos()) {
			return resolved.embedder();
		}
		return this.embedders.compute(store, (key, previous) -> {
			Vectorizer vectorizer = this.vectorizers.findByDestination(key.schema(), key.table())
				.orElseThrow(() -> new IllegalStateException("No vectorizer writes embedding store " + key.table()
						+ "; create one (pgai.vectorizers.* or ai.create_vectorizer) before searching it"));
			EmbeddingConfig config = vectorizer.config().embedding();
			Embedder embedder = (previous != null && previous.config().equals(config)) ? previous.embedder()
					: this.embedderFactory.create(vectorizer);
			return new Resolved(config, embedder, System.nanoTime());
		}).embedder();
	}

	private record Resolved(EmbeddingConfig config, Embedder embedder, long checkedAt) {

	}

}
