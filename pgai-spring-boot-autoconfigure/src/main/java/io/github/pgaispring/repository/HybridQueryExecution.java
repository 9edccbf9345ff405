package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pgaispring.repository.QueryEmbedder.Embedded;
import io.github.pgaispring.sql.TextIndexingConfig;
import io.github.pgaispring.sql.TextIndexingTsvectorConfig;
import io.github.pgaispring.sql.VectorizerCatalog;
import org.hibernate.Session;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.graph.GraphSemantic;
import org.hibernate.graph.RootGraph;
import org.hibernate.query.SelectionQuery;

import org.springframework.data.domain.Score;

/**
 * Runs a hybrid query method: two candidate lists, the nearest chunks by vector distance and the best chunks
 * by PostgreSQL full-text rank ({@code ts_rank_cd} over the store's {@code chunk_tsv} column, matched with
 * {@code websearch_to_tsquery} in the store's language), each {@code candidateMultiplier} times as long as the
 * rows asked for, fused by reciprocal rank fusion: {@code score = wv / (k + vectorRank) + wt / (k + textRank)}.
 * The lists carry only keys and scores; the entities of the requested page are loaded afterwards by key.
 */
final class HybridQueryExecution implements SearchExecution {

	private static final Comparator<Candidate> BY_DISTANCE = Comparator.comparingDouble(Candidate::distance);

	private static final int PARENT_OVERFETCH = 4;

	private final SearchQuery query;

	private final NearestQueryMethod method;

	private final Class<?> entityClass;

	private final Class<?> parentClass;

	private final boolean fetchParent;

	private final SearchSession session;

	private volatile String language;

	HybridQueryExecution(SearchQuery query, boolean fetchParent, SearchSession session) {
		this.query = query;
		this.method = query.method();
		this.entityClass = query.store().entityClass();
		this.parentClass = query.store().parentClass();
		this.fetchParent = fetchParent;
		this.session = session;
	}

	@Override
	public Object execute(Object[] arguments) {
		SearchRequest request = this.method.request(arguments);
		String text = SearchQuery.checkText((String) arguments[0], this.method.method().getName());
		HybridWeights weights = this.method.weights(arguments);
		Embedded vector = this.query.vector(text);
		int rows = request.rows();
		int candidates = rows * this.method.tuning().candidateMultiplier()
				* (this.method.returnsParents() ? PARENT_OVERFETCH : 1);
		HnswSettings settings = HnswSettings.of(this.method.tuning(), this.method.conditions() != null,
				request.paged(), candidates, this.session::iterativeScans);
		List<RankedRow> ranked = this.query.search(vector, text,
				(embedded) -> search(arguments, text, embedded, weights, request, candidates, settings));
		return this.method.returnType().wrap(ranked, request, (row) -> Score.of(row.fusedScore(),
				HybridSearchResult.RECIPROCAL_RANK_FUSION));
	}

	private List<RankedRow> search(Object[] arguments, String text, Embedded vector, HybridWeights weights,
			SearchRequest request, int candidates, HnswSettings settings) {
		boolean parents = this.method.returnsParents();
		int rows = request.rows();
		return this.session.run(settings, (session) -> {
			Map<String, Object> vectorParameters = new LinkedHashMap<>();
			vectorParameters.put("vector", VectorLiteral.of(vector.vector()));
			vector.bind(vectorParameters);
			List<Candidate> byVector = vectorCandidates(session, arguments, vectorParameters, candidates);
			if (settings.relaxedOrder()) {
				byVector.sort(BY_DISTANCE);
			}
			Map<String, Object> textParameters = new LinkedHashMap<>(vectorParameters);
			textParameters.keySet().retainAll(List.of("vector"));
			vector.bind(textParameters);
			textParameters.put("language", language(session));
			textParameters.put("text", text);
			List<Candidate> byText = textCandidates(session, arguments, textParameters, candidates);
			List<Fused> fused = fuse(byVector, byText, weights);
			List<Fused> distinct = parents ? distinctParents(fused) : fused;
			int end = Math.min(rows, distinct.size());
			return load(session, distinct.subList((int) Math.min(request.offset(), end), end));
		});
	}

	private List<Candidate> vectorCandidates(SharedSessionContract session, Object[] arguments,
			Map<String, Object> parameters, int candidates) {
		String distance = this.query.distance();
		String hql = "select e.embeddingUuid, " + parentKey() + ", cast(" + distance + " as Double), cast(null as Double)"
				+ this.query.from(arguments, this.method.returnsParents(), false, List.of(), parameters) + " order by "
				+ distance;
		return candidates(session, hql, parameters, candidates);
	}

	private List<Candidate> textCandidates(SharedSessionContract session, Object[] arguments,
			Map<String, Object> parameters, int candidates) {
		String rank = "cast(sql('ts_rank_cd(?, websearch_to_tsquery(cast(? as regconfig), ?), ?)', "
				+ "column(e.chunk_tsv as String), :language, :text, 0) as Double)";
		String match = "cast(sql('(websearch_to_tsquery(cast(? as regconfig), ?) @@ ?)', :language, :text, "
				+ "column(e.chunk_tsv as String)) as Boolean) = true";
		String hql = "select e.embeddingUuid, " + parentKey() + ", cast(" + this.query.distance() + " as Double), "
				+ rank + this.query.from(arguments, this.method.returnsParents(), false, List.of(match), parameters)
				+ " order by " + rank + " desc, e.embeddingUuid";
		return candidates(session, hql, parameters, candidates);
	}

	private String parentKey() {
		return this.method.returnsParents() ? "id(p)" : "cast(null as Integer)";
	}

	private static List<Candidate> candidates(SharedSessionContract session, String hql, Map<String, Object> parameters,
			int candidates) {
		SelectionQuery<Object[]> query = session.createSelectionQuery(hql, Object[].class);
		parameters.forEach(query::setParameter);
		query.setMaxResults(candidates);
		List<Candidate> list = new ArrayList<>();
		for (Object[] row : query.getResultList()) {
			list.add(new Candidate(row[0], row[1], (Double) row[2], (Double) row[3]));
		}
		return list;
	}

	/** Reciprocal rank fusion of the two lists, best first; ties go to the better vector, then text rank. */
	private List<Fused> fuse(List<Candidate> byVector, List<Candidate> byText, HybridWeights weights) {
		int k = this.method.tuning().rrfK();
		Map<Object, Fused> fused = new LinkedHashMap<>();
		for (int i = 0; i < byVector.size(); i++) {
			Candidate candidate = byVector.get(i);
			fused.put(candidate.key(), new Fused(candidate, i + 1, null, weights.vector() / (k + i + 1)));
		}
		for (int i = 0; i < byText.size(); i++) {
			Candidate candidate = byText.get(i);
			double score = weights.text() / (k + i + 1);
			Fused vector = fused.get(candidate.key());
			fused.put(candidate.key(), (vector != null)
					? new Fused(candidate, vector.vectorRank(), i + 1, vector.score() + score)
					: new Fused(candidate, null, i + 1, score));
		}
		List<Fused> ranked = new ArrayList<>(fused.values());
		ranked.sort(Comparator.comparingDouble(Fused::score)
			.reversed()
			.thenComparing(Fused::vectorRank, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Fused::textRank, Comparator.nullsLast(Comparator.naturalOrder())));
		return ranked;
	}

	private static List<Fused> distinctParents(List<Fused> fused) {
		Set<Object> seen = new LinkedHashSet<>();
		return fused.stream().filter((row) -> seen.add(row.candidate().parentKey())).toList();
	}

	/** The entities of the fused rows, in the rows' order. */
	private List<RankedRow> load(SharedSessionContract session, List<Fused> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		boolean parents = this.method.returnsParents();
		List<Object> keys = rows.stream().map((row) -> parents ? row.candidate().parentKey() : row.candidate().key()).toList();
		Class<?> type = parents ? this.parentClass : this.entityClass;
		List<?> entities = loadByKeys(session, type, keys, !parents && this.fetchParent);
		List<RankedRow> ranked = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			Fused row = rows.get(i);
			if (entities.get(i) != null) {
				ranked.add(new RankedRow(entities.get(i), row.candidate().distance(), row.vectorRank(), row.textRank(),
						row.candidate().textScore(), row.score()));
			}
		}
		return ranked;
	}

	private static <T> List<T> loadByKeys(SharedSessionContract session, Class<T> type, List<Object> keys,
			boolean withParent) {
		if (withParent) {
			RootGraph<T> graph = session.createEntityGraph(type);
			graph.addAttributeNode("parent");
			return (session instanceof StatelessSession stateless)
					? stateless.getMultiple(graph, GraphSemantic.FETCH, keys)
					: ((Session) session).findMultiple(graph, keys);
		}
		return (session instanceof StatelessSession stateless) ? stateless.getMultiple(type, keys)
				: ((Session) session).findMultiple(type, keys);
	}

	/** The text search configuration of the store's text index, read from its vectorizer once. */
	private String language(SharedSessionContract session) {
		String language = this.language;
		if (language == null) {
			EmbeddingStoreTable store = this.query.store();
			TextIndexingConfig textIndexing = session
				.doReturningWork((connection) -> VectorizerCatalog.on(connection)
					.findByDestination(store.schema(), store.table()))
				.map((vectorizer) -> vectorizer.config().textIndexing())
				.orElseThrow(() -> new IllegalStateException("No vectorizer writes embedding store " + store.table()
						+ "; create one before searching it"));
			if (!(textIndexing instanceof TextIndexingTsvectorConfig tsvector)) {
				throw new IllegalStateException("Hybrid search " + this.method.method().getName() + " needs a full-text"
						+ " index on embedding store " + store.table() + ", which has none. Add one with SELECT "
						+ "ai.set_text_indexing('<vectorizer>', ai.text_indexing_tsvector('english')) or "
						+ "pgai.vectorizers.<name>.text-indexing.language=english");
			}
			language = tsvector.language();
			this.language = language;
		}
		return language;
	}

	/**
	 * A row of a candidate list.
	 *
	 * @param key the row's {@code embedding_uuid}
	 * @param parentKey the parent's identifier, when parents are returned
	 * @param distance the vector distance to the query
	 * @param textScore the full-text rank, in the full-text list
	 */
	private record Candidate(Object key, Object parentKey, double distance, Double textScore) {
	}

	/** A candidate with its ranks and fused score. */
	private record Fused(Candidate candidate, Integer vectorRank, Integer textRank, double score) {
	}

}
