package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.pgaispring.repository.QueryEmbedder.Embedded;

import org.springframework.data.domain.Vector;

/**
 * What the nearest and hybrid searches of one method share: the query vector, the pgvector distance
 * expression and the {@code FROM … WHERE} of its HQL.
 */
final class SearchQuery {

	/** Vectors longer than this cannot be indexed as {@code vector}; pgai-style stores index them as halfvec. */
	static final int MAX_INDEXABLE_VECTOR_DIMENSIONS = 2000;

	private final NearestQueryMethod method;

	private final EmbeddingStoreTable store;

	private final String entityName;

	private final QueryEmbedder embedder;

	private final String distance;

	SearchQuery(NearestQueryMethod method, EmbeddingStoreTable store, String entityName, QueryEmbedder embedder) {
		this.method = method;
		this.store = store;
		this.entityName = entityName;
		this.embedder = embedder;
		this.distance = distanceExpression(method.distance(), store.dimensions());
	}

	NearestQueryMethod method() {
		return this.method;
	}

	EmbeddingStoreTable store() {
		return this.store;
	}

	/** The distance between the embedding and {@code :vector}, as an HQL expression. */
	String distance() {
		return this.distance;
	}

	/**
	 * The pgvector distance between the embedding and the query vector, as an HQL expression.
	 * <p>
	 * The query vector must not be the last argument of {@code sql()}: Hibernate lets a function's last
	 * argument take a list binding, and never caches the plan of a query with such a parameter, so every call
	 * would translate the query to SQL again. The dimensions, rendered as the type modifier of the cast, come
	 * last instead.
	 */
	static String distanceExpression(VectorDistance distance, int dimensions) {
		String operator = distance.operator();
		String sql = (dimensions > MAX_INDEXABLE_VECTOR_DIMENSIONS)
				? "(cast(? as halfvec(" + dimensions + ")) " + operator + " cast(? as halfvec(?)))"
				: "(? " + operator + " cast(? as vector(?)))";
		return "sql('" + sql + "', e.embedding, :vector, " + dimensions + ")";
	}

	/**
	 * {@code from <Entity> e [join e.parent p] [where <conditions>]}, with the condition values added to
	 * {@code parameters}.
	 * @param arguments the invocation's arguments
	 * @param joinParent whether to join the parent even without conditions on it
	 * @param fetchParent whether the join fetches the parent
	 * @param extraPredicates further predicates, joined with {@code and}
	 * @param parameters collects named parameter values
	 * @return the HQL fragment
	 */
	String from(Object[] arguments, boolean joinParent, boolean fetchParent, List<String> extraPredicates,
			Map<String, Object> parameters) {
		boolean conditionsOnParent = this.method.conditions() != null
				&& NearestQueryConditions.usesParent(this.method.conditions());
		StringBuilder hql = new StringBuilder(" from ").append(this.entityName).append(" e");
		if (joinParent || conditionsOnParent || fetchParent) {
			hql.append(fetchParent ? " join fetch e.parent p" : " join e.parent p");
		}
		List<String> predicates = new ArrayList<>();
		if (this.method.conditions() != null) {
			predicates.add(NearestQueryConditions.render(this.method.conditions(),
					this.method.conditionArguments(arguments), parameters));
		}
		predicates.addAll(extraPredicates);
		if (guarded()) {
			predicates.add(QueryEmbedder.GUARD);
		}
		if (!predicates.isEmpty()) {
			hql.append(" where ").append(String.join(" and ", predicates));
		}
		return hql.toString();
	}

	/**
	 * Runs a search with the query vector of an invocation, and once more, embedded again, when it returned no rows
	 * because its query was embedded with a configuration that a migration replaced meanwhile.
	 * @param first the query vector of the invocation ({@link #vector})
	 * @param query the query argument, to embed again
	 * @param search the search with a query vector
	 * @return the rows found
	 */
	List<RankedRow> search(Embedded first, Object query, Function<Embedded, List<RankedRow>> search) {
		List<RankedRow> ranked = search.apply(first);
		if (ranked.isEmpty() && guarded() && this.embedder.staleAfterEmptyResult(first)) {
			return search.apply(vector(query));
		}
		return ranked;
	}

	/**
	 * The query vector of an invocation: the text embedded with the store's model, or the vector given; with what
	 * the statement's guard checks (call {@link Embedded#bind} with the statement's parameters).
	 * @throws InvalidSearchArgumentException if the query is null, blank text or of the wrong length
	 */
	Embedded vector(Object query) {
		String name = this.method.method().getName();
		float[] vector;
		Embedded embedded = null;
		if (query instanceof String text) {
			embedded = this.embedder.embed(checkText(text, name));
			vector = embedded.vector();
		}
		else if (query instanceof float[] floats) {
			vector = floats;
		}
		else if (query instanceof Vector springVector) {
			vector = springVector.toFloatArray();
		}
		else if (query instanceof Collection<?> numbers) {
			vector = new float[numbers.size()];
			int i = 0;
			for (Object number : numbers) {
				if (!(number instanceof Number value)) {
					throw new InvalidSearchArgumentException("The query vector of " + name + " holds " + number
							+ ", not a number");
				}
				vector[i++] = value.floatValue();
			}
		}
		else {
			throw new InvalidSearchArgumentException("The query of " + name + " must not be null");
		}
		if (vector.length != this.store.dimensions()) {
			throw new InvalidSearchArgumentException("The query vector of " + name + " has " + vector.length
					+ " dimensions, but embedding store " + this.store.table() + " holds " + this.store.dimensions());
		}
		return (embedded != null) ? embedded : new Embedded(vector, null);
	}

	/**
	 * Checks a query text: not null, not blank, no NUL character (which PostgreSQL text cannot hold).
	 * @return the text
	 */
	static String checkText(String text, String method) {
		if (text == null || text.isBlank()) {
			throw new InvalidSearchArgumentException("The query text of " + method + " must not be "
					+ ((text == null) ? "null" : "blank"));
		}
		if (text.indexOf('\0') >= 0) {
			throw new InvalidSearchArgumentException("The query text of " + method
					+ " must not contain the NUL character (\\u0000)");
		}
		return text;
	}

	/**
	 * Whether the statements carry {@link QueryEmbedder#GUARD}: text queries embedded by the vectorizer's model, on a
	 * catalog that has the guard's function (asked at the first search, not while the repositories are created).
	 */
	private boolean guarded() {
		return this.method.isTextQuery() && this.embedder.guarded();
	}

}
