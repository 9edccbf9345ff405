package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pgaispring.repository.QueryEmbedder.Embedded;
import jakarta.persistence.PersistenceUnitUtil;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.SelectionQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.Similarity;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs a nearest-neighbour query method against its embedding store: embeds a text query, then selects the
 * nearest rows with HQL whose {@code ORDER BY} is the bare pgvector operator expression, so that an ANN
 * index on {@code embedding} (or, above 2,000 dimensions, on {@code embedding::halfvec(N)}) serves it. Rows
 * of a {@code relaxed_order} iterative scan are re-sorted by distance.
 */
final class NearestQueryExecution implements SearchExecution {

	private static final int PARENT_OVERFETCH = 4;

	private static final Comparator<RankedRow> BY_DISTANCE = Comparator.comparingDouble(RankedRow::distance);

	private final SearchQuery query;

	private final NearestQueryMethod method;

	private final boolean fetchParent;

	private final SearchSession session;

	private final PersistenceUnitUtil persistenceUnitUtil;

	/**
	 * The HQL of a method without conditions or threshold, the same for every invocation, built at the first
	 * search; otherwise null.
	 */
	private final @Nullable SingletonSupplier<String> fixedHql;

	NearestQueryExecution(SearchQuery query, boolean fetchParent, SearchSession session,
			PersistenceUnitUtil persistenceUnitUtil) {
		this.query = query;
		this.method = query.method();
		this.fetchParent = fetchParent;
		this.session = session;
		this.persistenceUnitUtil = persistenceUnitUtil;
		this.fixedHql = (this.method.conditions() == null && !this.method.hasThreshold())
				? SingletonSupplier.of(() -> hql(new Object[0], null, new LinkedHashMap<>())) : null;
	}

	@Override
	public Object execute(Object[] arguments) {
		SearchRequest request = this.method.request(arguments);
		Embedded vector = this.query.vector(arguments[0]);
		Object threshold = this.method.threshold(arguments);
		Map<String, Object> parameters = new LinkedHashMap<>();
		String hql = (this.fixedHql != null) ? this.fixedHql.obtain() : hql(arguments, threshold, parameters);
		Integer rows = request.rows();
		HnswSettings settings = HnswSettings.of(this.method.tuning(), this.method.conditions() != null,
				request.paged(), (rows != null) ? rows : 0, this.session::iterativeScans);
		boolean similarity = threshold instanceof Similarity;
		List<RankedRow> ranked = this.query.search(vector, arguments[0],
				(embedded) -> search(embedded, hql, parameters, request, settings));
		return this.method.returnType().wrap(ranked, request, (row) -> score(row.distance(), similarity));
	}

	private List<RankedRow> search(Embedded vector, String hql, Map<String, Object> parameters, SearchRequest request,
			HnswSettings settings) {
		parameters.put("vector", VectorLiteral.of(vector.vector()));
		vector.bind(parameters);
		return this.session.run(settings,
				(session) -> this.method.returnsParents() ? parents(session, hql, parameters, request, settings)
						: chunks(session, hql, parameters, request, settings));
	}

	private String hql(Object[] arguments, Object threshold, Map<String, Object> parameters) {
		String distance = this.query.distance();
		boolean parents = this.method.returnsParents();
		List<String> predicates = new ArrayList<>();
		if (threshold != null) {
			parameters.put("maxDistance", maxDistance(threshold));
			predicates.add(distance + " <= :maxDistance");
		}
		return "select " + (parents ? "p" : "e") + ", cast(" + distance + " as Double)"
				+ this.query.from(arguments, parents, this.fetchParent && !parents, predicates, parameters)
				+ " order by " + distance;
	}

	/** The embedding rows of the request, from its offset on. */
	private List<RankedRow> chunks(SharedSessionContract session, String hql, Map<String, Object> parameters,
			SearchRequest request, HnswSettings settings) {
		Integer rows = request.rows();
		if (!settings.relaxedOrder()) {
			return select(session, hql, parameters, Math.toIntExact(request.offset()),
					(rows != null) ? rows - Math.toIntExact(request.offset()) : null);
		}
		List<RankedRow> all = new ArrayList<>(select(session, hql, parameters, 0, rows));
		all.sort(BY_DISTANCE);
		return fromOffset(all, request.offset());
	}

	private List<RankedRow> select(SharedSessionContract session, String hql, Map<String, Object> parameters,
			int offset, Integer limit) {
		SelectionQuery<Object[]> query = session.createSelectionQuery(hql, Object[].class);
		parameters.forEach(query::setParameter);
		if (offset > 0) {
			query.setFirstResult(offset);
		}
		if (limit != null) {
			query.setMaxResults(limit);
		}
		List<Object[]> result = query.getResultList();
		List<RankedRow> rows = new ArrayList<>(result.size());
		for (Object[] row : result) {
			rows.add(RankedRow.nearest(row[0], (Double) row[1]));
		}
		return rows;
	}

	/**
	 * Distinct parents, ordered by their nearest chunk. Reads chunks in distance order, as many as
	 * {@code PARENT_OVERFETCH} times the parents needed and more while too few distinct parents turn up.
	 */
	private List<RankedRow> parents(SharedSessionContract session, String hql, Map<String, Object> parameters,
			SearchRequest request, HnswSettings settings) {
		Integer needed = request.rows();
		long fetch = (needed != null) ? (long) needed * PARENT_OVERFETCH : Long.MAX_VALUE;
		while (true) {
			Integer rows = (fetch < Integer.MAX_VALUE) ? (int) fetch : null;
			List<RankedRow> chunks = new ArrayList<>(select(session, hql, parameters, 0, rows));
			if (settings.relaxedOrder()) {
				chunks.sort(BY_DISTANCE);
			}
			Set<Object> seen = new LinkedHashSet<>();
			List<RankedRow> parents = new ArrayList<>();
			for (RankedRow chunk : chunks) {
				if (seen.add(this.persistenceUnitUtil.getIdentifier(chunk.content()))
						&& (needed == null || parents.size() < needed)) {
					parents.add(chunk);
				}
			}
			if (rows == null || chunks.size() < rows || parents.size() == needed) {
				return fromOffset(parents, request.offset());
			}
			fetch *= PARENT_OVERFETCH;
		}
	}

	static <T> List<T> fromOffset(List<T> rows, long offset) {
		return (offset >= rows.size()) ? List.of() : rows.subList((int) offset, rows.size());
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
				throw new InvalidSearchArgumentException("The Score passed to " + this.method.method().getName()
						+ " uses the " + function.getName() + " scoring function, but the method ranks by " + distance
						+ " distance");
			}
			return score.getValue();
		}
		if (threshold == null) {
			throw new InvalidSearchArgumentException("The threshold of " + this.method.method().getName()
					+ " must not be null");
		}
		return ((Number) threshold).doubleValue();
	}

}
