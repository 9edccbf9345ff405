package io.github.pgaispring.repository;

import java.util.Map;
import java.util.function.Supplier;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.repository.VectorizerEmbedderResolver.Resolution;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Embeds the text queries of one store. With the starter's {@link VectorizerEmbedderResolver} a search statement
 * checks the configuration it was embedded with ({@link #GUARD}): a search that a migration's switch made stale
 * returns nothing, and {@link #staleAfterEmptyResult} says whether to embed again and search once more (on a
 * catalog without the guard's function, statements are unchecked and the resolver's cache decides). Another
 * {@link EmbedderResolver} is asked once.
 */
final class QueryEmbedder {

	/**
	 * The HQL predicate that is true while the vectorizer has the embedding configuration the query was embedded
	 * with: no column of the rows in it, so PostgreSQL checks it once per statement, in the statement's snapshot (a
	 * One-Time Filter above the index scan). The last argument of {@code sql()} is a literal, not a parameter (see
	 * {@link SearchQuery#distanceExpression}).
	 */
	static final String GUARD = "cast(sql('(ai._pgai_spring_embedding_current(?, cast(? as jsonb)) = ?)', "
			+ ":pgaiVectorizerId, :pgaiEmbedding, true) as Boolean) = true";

	private final EmbeddingStoreTable store;

	private final @Nullable VectorizerEmbedderResolver guarded;

	private final Supplier<Embedder> unguarded;

	QueryEmbedder(EmbeddingStoreTable store, @Nullable EmbedderResolver resolver) {
		this.store = store;
		this.guarded = (resolver instanceof VectorizerEmbedderResolver vectorizers) ? vectorizers : null;
		this.unguarded = SingletonSupplier.of(() -> checked((resolver != null) ? resolver.resolve(store) : null));
	}

	/** Whether search statements carry the {@link #GUARD}: asks the catalog once whether it has the function. */
	boolean guarded() {
		return this.guarded != null && this.guarded.embeddingCheck();
	}

	/** Embeds a query text with the store's current model. */
	Embedded embed(String text) {
		if (this.guarded == null) {
			return new Embedded(this.unguarded.get().embedQuery(text), null);
		}
		if (!this.guarded.embeddingCheck()) {
			return new Embedded(checked(this.guarded.resolve(this.store)).embedQuery(text), null);
		}
		Resolution resolution = this.guarded.resolution(this.store);
		return new Embedded(checked(resolution.embedder()).embedQuery(text), resolution);
	}

	/**
	 * After a search that returned no rows: reads the vectorizer again and says whether the query was embedded with
	 * another configuration than the vectorizer has now (then embed again and search once more).
	 */
	boolean staleAfterEmptyResult(Embedded used) {
		return this.guarded != null && used.resolution() != null
				&& this.guarded.reload(this.store).differsFrom(used.resolution());
	}

	private Embedder checked(@Nullable Embedder embedder) {
		if (embedder == null) {
			throw new IllegalStateException("There is no EmbedderResolver bean to embed the text queries of embedding"
					+ " store " + this.store.table() + " with");
		}
		if (embedder.dimensions() != this.store.dimensions()) {
			throw new IllegalStateException("The embedder resolved for embedding store " + this.store.table() + " makes "
					+ embedder.dimensions() + "-dimensional vectors, but the store holds " + this.store.dimensions());
		}
		return embedder;
	}

	/**
	 * A query embedded with a store's model.
	 *
	 * @param vector the query vector
	 * @param resolution what it was embedded with, which the search statement checks; {@code null} when unchecked
	 */
	record Embedded(float[] vector, @Nullable Resolution resolution) {

		/** Adds the guard's parameters, if the statement has the guard. */
		void bind(Map<String, Object> parameters) {
			if (this.resolution != null) {
				parameters.put("pgaiVectorizerId", this.resolution.vectorizerId());
				parameters.put("pgaiEmbedding", this.resolution.embeddingJson());
			}
		}

	}

}
