package io.github.pgaispring.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.sql.DataSource;

import io.github.pgaispring.benchmark.ChunkRows.ChunkRow;
import io.github.pgaispring.benchmark.ManPageCorpus.Document;
import io.github.pgaispring.benchmark.SqlRunner.VectorReader;
import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.chunking.RecursiveCharacterTextSplitter;
import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.testsupport.FreshDatabase;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Latency of the derived {@code findNearestByCosine(float[], Limit)} repository method against the very same
 * SQL run through bare JDBC, on 100,000 stored 384-dimensional vectors, without an index (exact search) and
 * with an HNSW index (outside and inside a read-only transaction); selective filters on the parent with and
 * without iterative scans; then HNSW recall@10 against exact search on real embeddings (the ONNX model
 * {@code all-minilm-l6-v2} over manual page chunks) for ef_search 40, 100 and 200; and the retrieval quality
 * of vector-only and hybrid search on those chunks.
 * <p>
 * Run with {@code scripts/benchmark.sh search}. System properties: {@code benchmark.vectors} (100000),
 * {@code benchmark.exactQueries} (200), {@code benchmark.hnswQueries} (1000), {@code benchmark.filterQueries}
 * (100), {@code benchmark.recallChunks} (10000), {@code benchmark.recallQueries} (200),
 * {@code benchmark.qualityQueries} (200), {@code benchmark.cacheDirectory} (where embeddings of the recall set
 * are kept between runs), {@code benchmark.parts} (which of {@code latency,filter,recall,quality} to run; all by
 * default).
 */
public final class SearchBenchmark {

	private static final int K = 10;

	private static final int WARMUP_QUERIES = 50;

	private static final double LATENCY_RATIO_GOAL = 1.1;

	private static final String STORE = "search_documents_embedding_store";

	private static final String HNSW_INDEX = "CREATE INDEX search_hnsw ON " + STORE
			+ " USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)";

	private SearchBenchmark() {
	}

	/**
	 * Runs the benchmark and prints its report.
	 * @param args not used; see the class description for the system properties
	 */
	public static void main(String[] args) throws Exception {
		int vectors = Integer.getInteger("benchmark.vectors", 100_000);
		int exactQueries = Integer.getInteger("benchmark.exactQueries", 200);
		int hnswQueries = Integer.getInteger("benchmark.hnswQueries", 1000);
		int recallChunks = Integer.getInteger("benchmark.recallChunks", 10_000);
		int recallQueries = Integer.getInteger("benchmark.recallQueries", 200);
		int filterQueries = Integer.getInteger("benchmark.filterQueries", 100);
		int qualityQueries = Integer.getInteger("benchmark.qualityQueries", 200);
		Path cacheDirectory = Path.of(System.getProperty("benchmark.cacheDirectory", "target/benchmark-cache"));
		Set<String> parts = Set.of(System.getProperty("benchmark.parts", "latency,filter,recall,quality").split(","));
		try (BenchmarkDatabase database = BenchmarkDatabase.create("search_benchmark", 2)) {
			Machine.describe(database.dataSource());
			createStore(database.dataSource(), vectors / 4);
			try (ConfigurableApplicationContext context = start(database.database())) {
				SearchDocumentSearch repository = context.getBean(SearchDocumentSearch.class);
				DataSource dataSource = context.getBean(DataSource.class);
				List<Document> corpus = ManPageCorpus.load(Math.max(4 * recallChunks / 3, 2000), 200);
				TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
				readOnly.setReadOnly(true);
				if (parts.contains("latency") || parts.contains("filter")) {
					latency(repository, dataSource, readOnly, corpus, vectors, parts.contains("latency") ? exactQueries : 0,
							parts.contains("latency") ? hnswQueries : 0, parts.contains("filter") ? filterQueries : 0);
				}
				if (parts.contains("recall") || parts.contains("quality")) {
					List<Document> stored = recall(repository, dataSource, corpus, recallChunks, recallQueries,
							new EmbeddingCache(cacheDirectory));
					if (parts.contains("quality")) {
						HybridQualitySection.run(repository, dataSource, stored, qualityQueries);
					}
				}
			}
		}
		System.exit(0);
	}

	/**
	 * The source table with its parents and, through the real catalog, its vectorizer and embedding store (queue
	 * left empty).
	 */
	private static void createStore(DataSource dataSource, int parents) throws SQLException {
		new CatalogInstaller(dataSource).install();
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table search_documents (id bigint primary key, title text, content text)");
			}
			FilterSection.createParents(dataSource, parents);
			CreateVectorizer.source("search_documents")
				.loading(LoadingConfig.column("content"))
				.embedding(EmbeddingConfig.onnx("all-minilm-l6-v2", ManPageTable.DIMENSIONS))
				.indexing(IndexingConfig.none())
				.enqueueExisting(false)
				.execute(connection);
		}
	}

	private static ConfigurableApplicationContext start(FreshDatabase database) {
		Map<String, Object> properties = new HashMap<>(database.springProperties());
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("spring.jpa.open-in-view", "false");
		properties.put("spring.jpa.properties.hibernate.session_factory.statement_inspector", SqlCapture.class.getName());
		properties.put("spring.datasource.hikari.maximum-pool-size", "2");
		properties.put("logging.level.root", "WARN");
		return new SpringApplicationBuilder(SearchBenchmarkApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	private static void latency(SearchDocumentSearch repository, DataSource dataSource, TransactionTemplate readOnly,
			List<Document> corpus, int vectors, int exactQueries, int hnswQueries, int filterQueries) throws Exception {
		Report.section("1. findNearestByCosine(float[], Limit.of(" + K + ")) vs. the same SQL through bare JDBC");
		List<String> texts = chunkTexts(corpus, Math.min(vectors, 5000));
		SplittableRandom random = new SplittableRandom(42);
		List<ChunkRow> rows = new ArrayList<>(vectors);
		for (int i = 0; i < vectors; i++) {
			rows.add(new ChunkRow(i / 4 + 1, i % 4, texts.get(i % texts.size()),
					RandomVectors.uniformOnSphere(random, ManPageTable.DIMENSIONS)));
		}
		long copyNanos = ChunkRows.of(rows).copyInto(dataSource, STORE).nanos();
		analyze(dataSource);
		Report.line("stored vectors", "%d synthetic unit vectors (uniform on the sphere, seed 42), 384 dims, real"
				+ " chunk texts; loaded in %.1f s", vectors, Report.seconds(copyNanos));
		rows = null;
		List<float[]> queries = new ArrayList<>();
		for (int i = 0; i < Math.max(Math.max(exactQueries, hnswQueries), filterQueries); i++) {
			queries.add(RandomVectors.uniformOnSphere(random, ManPageTable.DIMENSIONS));
		}
		Function<float[], List<UUID>> outside = (query) -> ids(repository.findNearestByCosine(query, Limit.of(K)));
		JdbcSearch autoCommit = (sql, query) -> SqlRunner.run(dataSource, sql, query, null, K, Map.of());
		if (exactQueries > 0) {
			compare("exact (no index)", outside, autoCommit, queries.subList(0, exactQueries));
		}
		long indexNanos = createIndex(dataSource);
		Report.line("HNSW index build (m 16, ef_construction 64, cosine)", "%.1f s", Report.seconds(indexNanos));
		if (hnswQueries > 0) {
			List<float[]> hnsw = queries.subList(0, hnswQueries);
			compare("HNSW, ef_search 40 (default)", outside, autoCommit, hnsw);
			Function<float[], List<UUID>> inside = (query) -> readOnly.execute((status) -> outside.apply(query));
			compare("HNSW, in a read-only transaction", inside,
					(sql, query) -> SqlRunner.runReadOnly(dataSource, sql, query, K, VectorReader.PGVECTOR), hnsw);
			// the same two, with a baseline that decodes vectors with the repositories' reader: what is left is
			// the repository path itself (Spring Data, Hibernate, the session), not the vector codec
			compare("HNSW, ef_search 40, baseline with the repository's vector reader", outside,
					(sql, query) -> SqlRunner.runAutoCommit(dataSource, sql, query, K, VectorReader.REPOSITORY), hnsw);
			compare("HNSW, read-only transaction, baseline with the repository's vector reader", inside,
					(sql, query) -> SqlRunner.runReadOnly(dataSource, sql, query, K, VectorReader.REPOSITORY), hnsw);
			compare("HNSW, @SearchSettings(efSearch = 100)",
					(query) -> ids(repository.searchNearestByCosine(query, Limit.of(K))),
					(sql, query) -> SqlRunner.run(dataSource, sql, query, null, K, Map.of("hnsw.ef_search", "100")),
					hnsw.subList(0, Math.min(hnsw.size(), 500)));
		}
		if (filterQueries > 0) {
			FilterSection.run(repository, dataSource, queries.subList(0, filterQueries));
		}
	}

	private static List<UUID> ids(List<SearchDocumentEmbedding> chunks) {
		return chunks.stream().map(SearchDocumentEmbedding::getEmbeddingUuid).toList();
	}

	/**
	 * Runs each query through the repository and through JDBC (the SQL the repository ran, captured on the
	 * first call, with the same parameters and in the same kind of transaction), alternating which goes first,
	 * and reports both latency distributions and their ratio.
	 */
	private static void compare(String label, Function<float[], List<UUID>> viaRepositoryMethod, JdbcSearch viaJdbcCall,
			List<float[]> queries) throws SQLException {
		viaRepositoryMethod.apply(queries.get(0));
		String sql = SqlCapture.last();
		if (sql == null || !sql.contains("<=>")) {
			throw new IllegalStateException("Did not capture the repository's SQL, got: " + sql);
		}
		int[] differing = { 0 };
		// a quarter of the queries more as warm-up (at least WARMUP_QUERIES): the first comparison after the index
		// build ran both paths at up to three times their later client CPU with 50 only
		int warmup = Math.max(WARMUP_QUERIES, queries.size() / 4);
		Interleaved samples = Interleaved.run(queries, warmup, viaRepositoryMethod,
				(query) -> viaJdbcCall.search(sql, query), (index, fromRepository, fromJdbc) -> {
					if (!fromRepository.equals(fromJdbc)) {
						differing[0]++;
					}
				});
		Samples viaRepository = samples.repositoryLatency;
		Samples viaJdbc = samples.jdbcLatency;
		Samples cpuRepository = samples.repositoryCpu;
		Samples cpuJdbc = samples.jdbcCpu;
		Report.line(label + ": repository", "median %6.2f ms  p95 %6.2f ms  mean %6.2f ms  client CPU %.2f ms",
				viaRepository.median(), viaRepository.percentile(95), viaRepository.mean(), cpuRepository.mean());
		Report.line(label + ": bare JDBC", "median %6.2f ms  p95 %6.2f ms  mean %6.2f ms  client CPU %.2f ms",
				viaJdbc.median(), viaJdbc.percentile(95), viaJdbc.mean(), cpuJdbc.mean());
		double ratio = viaRepository.median() / viaJdbc.median();
		Report.line(label + ": ratio of medians (goal <= " + LATENCY_RATIO_GOAL + ")", "%.3fx  %s (ratio of means %.3fx,"
				+ " %d queries, %d with differing results)", ratio, Report.verdict(ratio <= LATENCY_RATIO_GOAL),
				viaRepository.mean() / viaJdbc.mean(), queries.size(), differing[0]);
		Report.line(label + ": repository overhead", "%.2f ms per query (median), %.2f ms client CPU (mean)",
				viaRepository.median() - viaJdbc.median(), cpuRepository.mean() - cpuJdbc.mean());
	}

	/**
	 * Runs the repository's SQL with plain JDBC on a pooled connection and reads every column of every row
	 * (the vector parsed into a {@code float[]}, as the entity holds it).
	 * @param settings {@code SET LOCAL} settings for the query's transaction, none for auto-commit
	 * @return the {@code embedding_uuid}s in order
	 */
	private static List<UUID> nearestByJdbc(DataSource dataSource, String sql, float[] query,
			Map<String, String> settings) throws SQLException {
		return SqlRunner.run(dataSource, sql, query, null, K, settings);
	}

	private static List<Document> recall(SearchDocumentSearch repository, DataSource dataSource,
			List<Document> corpus, int recallChunks, int recallQueries, EmbeddingCache cache) throws Exception {
		Report.section("2. HNSW recall@" + K + " against exact search, real embeddings (all-minilm-l6-v2)");
		List<ChunkRow> stored = new ArrayList<>();
		List<String> queryTexts = new ArrayList<>();
		RecursiveCharacterTextSplitter splitter = RecursiveCharacterTextSplitter.withPgaiDefaults();
		for (int index = 0; index < corpus.size() && queryTexts.size() < recallQueries; index++) {
			Document document = corpus.get(index);
			List<String> chunks = splitter.split(document.content());
			if (stored.size() < recallChunks) {
				for (int seq = 0; seq < chunks.size(); seq++) {
					stored.add(new ChunkRow(index + 1, seq, document.title() + " - " + chunks.get(seq), null));
				}
			}
			else if (!chunks.isEmpty()) {
				queryTexts.add(document.title() + " - " + chunks.get(0));
			}
		}
		if (queryTexts.size() < recallQueries) {
			throw new IllegalStateException("The corpus is too small for " + recallChunks + " chunks and "
					+ recallQueries + " queries; lower benchmark.recallChunks");
		}
		Report.line("stored chunks", "%d chunks of %d manual page sections (pgai's default splitter,"
				+ " '$title - $chunk')", stored.size(), stored.get(stored.size() - 1).id());
		Report.line("queries", "%d first chunks of further sections (not stored)", queryTexts.size());
		OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2,
				new OnnxScheduler(Runtime.getRuntime().availableProcessors()));
		List<String> texts = new ArrayList<>(stored.stream().map(ChunkRow::chunk).toList());
		texts.addAll(queryTexts);
		List<float[]> vectors = cache.embed(embedder, OnnxModel.ALL_MINILM_L6_V2.modelName(), texts);
		List<ChunkRow> rows = new ArrayList<>(stored.size());
		for (int i = 0; i < stored.size(); i++) {
			ChunkRow row = stored.get(i);
			rows.add(new ChunkRow(row.id(), row.seq(), row.chunk(), vectors.get(i)));
		}
		List<float[]> queries = vectors.subList(stored.size(), vectors.size());
		dropIndex(dataSource);
		ChunkRows.of(rows).copyInto(dataSource, STORE);
		analyze(dataSource);
		long indexNanos = createIndex(dataSource);
		Report.line("HNSW index build", "%.1f s", Report.seconds(indexNanos));
		repository.findNearestByCosine(queries.get(0), Limit.of(K));
		String sql = SqlCapture.last();
		List<List<UUID>> exact = new ArrayList<>();
		for (float[] query : queries) {
			exact.add(nearestByJdbc(dataSource, sql, query, Map.of("enable_indexscan", "off")));
		}
		recallRows("ef_search 40 (pgvector's default): repository, no settings", "JDBC, no settings", exact, queries,
				(query) -> ids(repository.findNearestByCosine(query, Limit.of(K))),
				(query) -> nearestByJdbc(dataSource, sql, query, Map.of()));
		for (int efSearch : new int[] { 100, 200 }) {
			BiFunction<float[], Limit, List<SearchDocumentEmbedding>> method = (efSearch == 100) ? repository::searchNearestByCosine
					: repository::queryNearestByCosine;
			recallRows("ef_search " + efSearch + ": repository @SearchSettings(efSearch = " + efSearch + ")",
					"JDBC, SET LOCAL hnsw.ef_search = " + efSearch, exact, queries,
					(query) -> ids(method.apply(query, Limit.of(K))), (query) -> nearestByJdbc(dataSource, sql, query,
							Map.of("hnsw.ef_search", String.valueOf(efSearch))));
		}
		return corpus.subList(0, (int) stored.get(stored.size() - 1).id());
	}

	/**
	 * Recall and latency of a repository search and of the JDBC search with the same setting: each query
	 * through both, alternating which goes first, after a warm-up.
	 */
	private static void recallRows(String label, String jdbcLabel, List<List<UUID>> exact, List<float[]> queries,
			Function<float[], List<UUID>> viaRepository, Interleaved.JdbcQuery viaJdbc) throws SQLException {
		long[] found = new long[3]; // wanted, found by the repository, found by JDBC
		Interleaved samples = Interleaved.run(queries, WARMUP_QUERIES, viaRepository, viaJdbc,
				(index, fromRepository, fromJdbc) -> {
					Set<UUID> truth = new HashSet<>(exact.get(index));
					found[0] += truth.size();
					found[1] += fromRepository.stream().filter(truth::contains).count();
					found[2] += fromJdbc.stream().filter(truth::contains).count();
				});
		Samples repositoryLatency = samples.repositoryLatency;
		Samples jdbcLatency = samples.jdbcLatency;
		Report.line("recall@" + K + ", " + label, "%.3f  (median %.2f ms)", (double) found[1] / found[0],
				repositoryLatency.median());
		Report.line("recall@" + K + ", " + jdbcLabel, "%.3f  (median %.2f ms; repository / JDBC %.3fx)",
				(double) found[2] / found[0], jdbcLatency.median(), repositoryLatency.median() / jdbcLatency.median());
	}

	/** The chunk texts ({@code $title - $chunk}) of the documents, up to {@code count}. */
	private static List<String> chunkTexts(List<Document> corpus, int count) {
		RecursiveCharacterTextSplitter splitter = RecursiveCharacterTextSplitter.withPgaiDefaults();
		List<String> texts = new ArrayList<>(count);
		for (Document document : corpus) {
			for (String chunk : splitter.split(document.content())) {
				texts.add(document.title() + " - " + chunk);
				if (texts.size() == count) {
					return texts;
				}
			}
		}
		return texts;
	}

	private static long createIndex(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("set maintenance_work_mem = '1GB'");
			long started = System.nanoTime();
			statement.execute(HNSW_INDEX);
			long elapsed = System.nanoTime() - started;
			statement.execute("reset maintenance_work_mem");
			return elapsed;
		}
	}

	private static void dropIndex(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("drop index if exists search_hnsw");
		}
	}

	private static void analyze(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("vacuum analyze " + STORE);
		}
	}

	/** The bare-JDBC side of a comparison: runs the captured SQL for a query vector. */
	@FunctionalInterface
	private interface JdbcSearch {

		List<UUID> search(String sql, float[] query) throws SQLException;

	}

}
