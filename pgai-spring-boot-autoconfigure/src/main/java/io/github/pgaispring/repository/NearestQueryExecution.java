package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.pgaispring.embedding.Embedder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.TypedQuery;

import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;

/**
 * Runs a {@link NearestQueryMethod} against its embedding store: embeds a text query, then selects the
 * nearest rows with HQL whose {@code ORDER BY} is the bare pgvector operator expression, so that an ANN
 * index on {@code embedding} (or, above 2,000 dimensions, on {@code embedding::halfvec(N)}) serves it.
 */
final class NearestQueryExecution implements SearchExecution {

	/** Vectors longer than this cannot be indexed as {@code vector}; pgai-style stores index them as halfvec. */
	static final int MAX_INDEXABLE_VECTOR_DIMENSIONS = 2000;

	private static final int PARENT_OVERFETCH = 4;

	private final NearestQueryMethod method;

	private final EmbeddingStoreTable store;

	private final String entityName;

	private final boolean fetchParent;

	private final EntityManager entityManager;

	private final Supplier<Embedder> embedder;

	NearestQueryExecution(NearestQueryMethod method, EmbeddingStoreTable store, String entityName,
			boolean fetchParent, EntityManager entityManager, Supplier<Embedder> embedder) {
		this.method = method;
		this.store = store;
		this.entityName = entityName;
		this.fetchParent = fetchParent;
		this.entityManager = entityManager;
		this.embedder = embedder;
	}

	@Override
	public Object execute(Object[] arguments) {
		String vector = vectorLiteral(queryVector(arguments[0]));
		Integer limit = this.method.limit(arguments);
		Object threshold = this.method.threshold(arguments);
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("vector", vector);
		String hql = hql(arguments, threshold, parameters);
		List<SearchResult<Object>> results = this.method.returnsParents() ? parents(hql, parameters, limit, threshold)
				: run(hql, parameters, limit, threshold);
		return this.method.container().wrap(results);
	}

	/**
	 * The pgvector distance between the embedding and the query vector, as an HQL expression.
	 * <p>
	 * The query vector must not be the last argument of {@code sql()}: Hibernate lets a function's last
	 * argument take a list binding, and never caches the plan of a query with such a parameter, so every call
	 * would translate the query to SQL again. The dimensions, rendered as the type modifier of the cast, come
	 * last instead.
	 */
	String distanceExpression() {
		String operator = this.method.distance().operator();
		int dimensions = this.store.dimensions();
		String sql = (dimensions > MAX_INDEXABLE_VECTOR_DIMENSIONS)
				? "(cast(? as halfvec(" + dimensions + ")) " + operator + " cast(? as halfvec(?)))"
				: "(? " + operator + " cast(? as vector(?)))";
		return "sql('" + sql + "', e.embedding, :vector, " + dimensions + ")";
	}

	private String hql(Object[] arguments, Object threshold, Map<String, Object> parameters) {
		String distance = distanceExpression();
		boolean parents = this.method.returnsParents();
		boolean conditionsOnParent = this.method.conditions() != null
				&& NearestQueryConditions.usesParent(this.method.conditions());
		StringBuilder hql = new StringBuilder("select ").append(parents ? "p" : "e")
			.append(", cast(")
			.append(distance)
			.append(" as Double) from ")
			.append(this.entityName)
			.append(" e");
		if (parents || conditionsOnParent || this.fetchParent) {
			hql.append((this.fetchParent && !parents) ? " join fetch e.parent p" : " join e.parent p");
		}
		List<String> predicates = new ArrayList<>();
		if (this.method.conditions() != null) {
			predicates.add(NearestQueryConditions.render(this.method.conditions(),
					this.method.conditionArguments(arguments), parameters));
		}
		if (threshold != null) {
			parameters.put("maxDistance", maxDistance(threshold));
			predicates.add(distance + " <= :maxDistance");
		}
		if (!predicates.isEmpty()) {
			hql.append(" where ").append(String.join(" and ", predicates));
		}
		return hql.append(" order by ").append(distance).toString();
	}

	private List<SearchResult<Object>> run(String hql, Map<String, Object> parameters, Integer limit,
			Object threshold) {
		TypedQuery<Object[]> query = this.entityManager.createQuery(hql, Object[].class);
		parameters.forEach(query::setParameter);
		if (limit != null) {
			query.setMaxResults(limit);
		}
		boolean similarity = threshold instanceof Similarity;
		List<SearchResult<Object>> results = new ArrayList<>();
		for (Object[] row : query.getResultList()) {
			results.add(new SearchResult<>(row[0], score((Double) row[1], similarity)));
		}
		return results;
	}

	/**
	 * Distinct parents, ordered by their nearest chunk. Reads chunks in distance order, as many as
	 * {@code PARENT_OVERFETCH} times the limit and more while too few distinct parents turn up.
	 */
	private List<SearchResult<Object>> parents(String hql, Map<String, Object> parameters, Integer limit,
			Object threshold) {
		PersistenceUnitUtil util = this.entityManager.getEntityManagerFactory().getPersistenceUnitUtil();
		long fetch = (limit != null) ? (long) limit * PARENT_OVERFETCH : Long.MAX_VALUE;
		while (true) {
			Integer rows = (fetch < Integer.MAX_VALUE) ? (int) fetch : null;
			List<SearchResult<Object>> chunks = run(hql, parameters, rows, threshold);
			Set<Object> seen = new LinkedHashSet<>();
			List<SearchResult<Object>> parents = new ArrayList<>();
			for (SearchResult<Object> chunk : chunks) {
				if (seen.add(util.getIdentifier(chunk.getContent()))
						&& (limit == null || parents.size() < limit)) {
					parents.add(chunk);
				}
			}
			if (rows == null || chunks.size() < rows || parents.size() == limit) {
				return parents;
			}
			fetch *= PARENT_OVERFETCH;
		}
	}

	private Score score(double distance, boolean similarity) {
		VectorDistance function = this.method.distance();
		return similarity ? Similarity.raw(function.similarity(distance), function.scoringFunction())
				: Score.of(distance, function.scoringFunction());
	}

	private double maxDistance(Object threshold) {
		VectorDistance distance = this.method.distance();
		if (threshold instanceof Similarity similarity) {
			return distance.maxDistance(similarity.getValue());
		}
		if (threshold instanceof Score score) {
			ScoringFunction function = score.getFunction();
			if (!function.equals(ScoringFunction.unspecified()) && !function.equals(distance.scoringFunction())) {
				throw new IllegalArgumentException("The Score passed to " + this.method.method().getName() + " uses the "
						+ function.getName() + " scoring function, but the method ranks by " + distance + " distance");
			}
			return score.getValue();
		}
		if (threshold == null) {
			throw new IllegalArgumentException("The threshold of " + this.method.method().getName() + " must not be null");
		}
		return ((Number) threshold).doubleValue();
	}

	private float[] queryVector(Object query) {
		float[] vector;
		if (query instanceof String text) {
			Embedder embedder = this.embedder.get();
			vector = embedder.embedQuery(text);
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
				vector[i++] = ((Number) number).floatValue();
			}
		}
		else {
			throw new IllegalArgumentException("The query of " + this.method.method().getName() + " must not be null");
		}
		if (vector.length != this.store.dimensions()) {
			throw new IllegalArgumentException("The query vector of " + this.method.method().getName() + " has "
					+ vector.length + " dimensions, but embedding store " + this.store.table() + " holds "
					+ this.store.dimensions());
		}
		return vector;
	}

	/** pgvector's text form, {@code [1.0,2.5,…]}. */
	static String vectorLiteral(float[] vector) {
		StringBuilder literal = new StringBuilder(vector.length * 10).append('[');
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append(vector[i]);
		}
		return literal.append(']').toString();
	}

}
