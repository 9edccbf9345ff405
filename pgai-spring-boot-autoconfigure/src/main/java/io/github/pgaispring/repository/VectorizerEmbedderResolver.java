package io.github.pgaispring.repository;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.function.SingletonSupplier;

/**
 * Embeds search queries with the model of the vectorizer that writes the store, as its stored
 * {@code ai.vectorizer} configuration says: the counterpart of pgai's {@code ai.openai_embed(...)} in a
 * query, run in the application instead of the database.
 * <p>
 * The repositories' text searches do not trust a cached configuration: each search statement checks, in its own
 * snapshot, that the vectorizer still has the embedding configuration the query was embedded with
 * ({@code ai._pgai_spring_embedding_current}), and embeds again after a migration switched the model. Callers of
 * {@link #resolve} get a configuration read again at most once per {@link #RECHECK_INTERVAL}. On a catalog without
 * that function (pgai's own, with {@code pgai.catalog.install=false}) searches run unchecked and use
 * {@link #resolve}: after a model switch they embed with the new model within that interval.
 */
public final class VectorizerEmbedderResolver implements EmbedderResolver {

	/** How long {@link #resolve} hands out an embedder before the vectorizer's configuration is read again. */
	static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(VectorizerEmbedderResolver.class);

	private final VectorizerCatalog vectorizers;

	private final EmbedderFactory embedderFactory;

	private final Map<EmbeddingStoreTable, Resolution> embedders = new ConcurrentHashMap<>();

	/** Whether the catalog has {@code ai._pgai_spring_embedding_current}; asked at the first search. */
	private final SingletonSupplier<Boolean> embeddingCheck;

	/**
	 * Creates the resolver.
	 * @param vectorizers the vectorizer catalog
	 * @param embedderFactory builds an embedder from a stored embedding configuration
	 */
	public VectorizerEmbedderResolver(VectorizerCatalog vectorizers, EmbedderFactory embedderFactory) {
		this.vectorizers = vectorizers;
		this.embedderFactory = embedderFactory;
		this.embeddingCheck = SingletonSupplier.of(this::askForEmbeddingCheck);
	}

	@Override
	public Embedder resolve(EmbeddingStoreTable store) {
		Resolution resolved = this.embedders.get(store);
		if (resolved != null && System.nanoTime() - resolved.checkedAt() < RECHECK_INTERVAL.toNanos()) {
			return resolved.embedder();
		}
		return reload(store).embedder();
	}

	/**
	 * Forgets every configuration read so far, so that the next search reads it again: called in the application
	 * whose worker switched a vectorizer to its new store.
	 */
	public void invalidate() {
		this.embedders.clear();
	}

	/**
	 * Whether search statements can check the configuration they embedded with: the catalog has
	 * {@code ai._pgai_spring_embedding_current}. Asked once; logged once when it has not.
	 */
	boolean embeddingCheck() {
		return this.embeddingCheck.obtain();
	}

	private boolean askForEmbeddingCheck() {
		boolean available = this.vectorizers.hasEmbeddingCheck();
		if (!available) {
			logger.warn("The ai catalog has no ai._pgai_spring_embedding_current (pgai.catalog.install=false on a"
					+ " catalog the starter did not install?): text searches run without checking the embedding"
					+ " configuration in their statement, so during a model switch a search can rank the new store"
					+ " with a query embedded by the old model; set pgai.catalog.install=true once to add it");
		}
		return available;
	}

	/** The embedder of the store with what a search statement checks, as read last (read now if never). */
	Resolution resolution(EmbeddingStoreTable store) {
		Resolution resolved = this.embedders.get(store);
		return (resolved != null) ? resolved : reload(store);
	}

	/** Reads the store's vectorizer again; the embedder is kept when its configuration is the same. */
	Resolution reload(EmbeddingStoreTable store) {
		return this.embedders.compute(store, (key, previous) -> {
			Vectorizer vectorizer = this.vectorizers.findByDestination(key.schema(), key.table())
				.orElseThrow(() -> new IllegalStateException("No vectorizer writes embedding store " + key.table()
						+ "; create one (pgai.vectorizers.* or ai.create_vectorizer) before searching it"));
			EmbeddingConfig config = vectorizer.config().embedding();
			Embedder embedder = (previous != null && previous.config().equals(config)) ? previous.embedder()
					: this.embedderFactory.create(vectorizer);
			String json = vectorizer.storedConfig().embeddingJson();
			return new Resolution(vectorizer.id(), json, config, embedder, System.nanoTime());
		});
	}

	/**
	 * A store's embedder as read from its vectorizer.
	 *
	 * @param vectorizerId the vectorizer's id
	 * @param embeddingJson its stored embedding configuration, as JSON, which the search statement compares
	 * @param config the same, read
	 * @param embedder the embedder built from it
	 * @param checkedAt {@link System#nanoTime()} when it was read
	 */
	record Resolution(int vectorizerId, String embeddingJson, EmbeddingConfig config, Embedder embedder,
			long checkedAt) {

		/** Whether this is another vectorizer or configuration than the one given. */
		boolean differsFrom(Resolution other) {
			return this.vectorizerId != other.vectorizerId || !this.embeddingJson.equals(other.embeddingJson);
		}

	}

}
