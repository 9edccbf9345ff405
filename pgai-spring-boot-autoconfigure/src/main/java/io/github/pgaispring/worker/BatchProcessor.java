package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderClosedException;
import io.github.pgaispring.formatting.PythonRowReader;
import io.github.pgaispring.formatting.PythonTemplateFormatter;
import io.github.pgaispring.sql.InvalidVectorizerConfigException;
import io.github.pgaispring.sql.LoadingColumnConfig;
import io.github.pgaispring.sql.StoredVectorizerConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerConfig;
import io.github.pgaispring.worker.EmbeddingWriter.RowEmbeddings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Processes one batch of a vectorizer's queue in one transaction, like pgai's worker: claim queue
 * entries, load the source rows, chunk, format, embed and replace the rows' chunks, then commit. A
 * crash anywhere before the commit rolls everything back and the entries are claimed again later.
 * <p>
 * Entries that failed before are retried alone (a batch of one), after their backoff, so a row that
 * keeps failing never holds up the others. While a vectorizer's claims come back full, a transaction
 * claims several batches ({@link ClaimSizes}) and makes one embedding call per {@code batch_size} rows.
 * Row-level failures (loading, chunking, formatting) affect only that row; a failing embedding call fails
 * its rows, a failing write the transaction's. A failed write is rolled back to a
 * savepoint taken just before it, and the failed rows are then, in the same transaction, re-queued with
 * one more attempt or moved to the failed queue (see {@link WorkerSettings#maxRetries()}), with the error
 * recorded in {@code ai._vectorizer_errors}.
 * <p>
 * A transaction of a table destination takes five round trips: claim (with the transaction's settings,
 * {@link QueueStatements#BATCH_TRANSACTION_SETTINGS}, and followed by the read of the digests of the stored
 * chunks for {@link ChunkReuse}, a statement of its own), savepoint with lock and delete, the two ends of
 * the {@code COPY}, {@code ai._worker_progress} with the commit. The catalog row is
 * checked by the claim itself and read only when the claim comes back empty. {@link #claimAndEmbed} (up to
 * the lock and delete) and {@link Batch#commit} (the {@code COPY} and the commit) split a batch in two, so
 * that a worker thread can overlap the commit of one with the next.
 */
final class BatchProcessor {

	private static final Log logger = LogFactory.getLog(BatchProcessor.class);

	private static final String UNDEFINED_TABLE = "42P01";

	private final DataSource dataSource;

	private final PipelineFactory pipelineFactory;

	private final WorkerSettings settings;

	private final WorkerTracking tracking;

	private final FailureRecorder failureRecorder;

	private final Map<Integer, ConfiguredPipeline> pipelines = new ConcurrentHashMap<>();

	private final DueRetryChecks dueRetryChecks;

	private final ClaimSizes claimSizes = new ClaimSizes();

	/** Per vectorizer, the queue heap page where the next claim of first attempts starts. */
	private final Map<Integer, Integer> claimPages = new ConcurrentHashMap<>();

	/**
	 * Creates a processor that does not report to pgai's worker tracking tables.
	 * @param dataSource the database
	 * @param pipelineFactory builds each vectorizer's pipeline from its config
	 * @param settings batch size, retries and backoff
	 */
	public BatchProcessor(DataSource dataSource, PipelineFactory pipelineFactory, WorkerSettings settings) {
		this(dataSource, pipelineFactory, settings, new WorkerTracking());
	}

	BatchProcessor(DataSource dataSource, PipelineFactory pipelineFactory, WorkerSettings settings,
			WorkerTracking tracking) {
		this.dataSource = dataSource;
		this.pipelineFactory = pipelineFactory;
		this.settings = settings;
		this.tracking = tracking;
		this.failureRecorder = new FailureRecorder(settings, tracking);
		this.dueRetryChecks = DueRetryChecks.of(settings);
	}

	/**
	 * Processes one batch of the vectorizer's due queue entries: {@link #claimAndEmbed} followed by
	 * {@link Batch#commit}. The claim takes nothing unless the vectorizer's catalog row is unchanged and
	 * enabled; when it comes back empty the row is re-read, so a disabled, dropped or reconfigured
	 * vectorizer is noticed before every batch (a changed config is processed with the new one).
	 * @param vectorizer the vectorizer
	 * @return what the batch did
	 * @throws VectorizerConfigurationException if the vectorizer's config cannot be processed (nothing
	 * is claimed)
	 * @throws VectorizerDataAccessException if the database failed; the batch was rolled back and its
	 * entries are queued again
	 */
	public BatchResult process(Vectorizer vectorizer) {
		return claimAndEmbed(vectorizer).commit();
	}

	/**
	 * The first half of {@link #process}: opens the batch transaction, claims, loads, chunks, formats and
	 * embeds, then locks the source rows and deletes their old chunks ({@link EmbeddingWriter#start}). The returned batch holds the open transaction until {@link Batch#commit} (or
	 * {@link Batch#abandon}), so a worker thread can claim and embed its next batch while this one is
	 * written and committed on another thread.
	 * @throws VectorizerConfigurationException if the vectorizer's config cannot be processed (nothing
	 * is claimed)
	 * @throws VectorizerDataAccessException if the database failed; nothing was claimed
	 */
	Batch claimAndEmbed(Vectorizer vectorizer) {
		long started = System.nanoTime();
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(false);
			return claimAndEmbed(connection, vectorizer, started);
		}
		catch (SQLException ex) {
			closeAfterFailure(connection);
			throw rolledBack(vectorizer, ex);
		}
		catch (RuntimeException | Error ex) {
			closeAfterFailure(connection);
			throw ex;
		}
	}

	private Batch claimAndEmbed(Connection connection, Vectorizer given, long started) throws SQLException {
		Vectorizer vectorizer = given;
		VectorizerPipeline pipeline = pipelineFor(vectorizer);
		QueueStatements sql = new QueueStatements(vectorizer);
		int limit = this.claimSizes.limit(vectorizer.id(), this.settings.batchSizeFor(vectorizer));
		Claim claim = claimIfUnchanged(connection, vectorizer, sql, limit);
		if (claim.rows().isEmpty()) {
			Optional<Vectorizer> current = VectorizerCatalog.on(connection).findById(vectorizer.id());
			if (current.isEmpty() || current.get().disabled()) {
				BatchResult.Status status = current.isEmpty() ? BatchResult.Status.NOT_FOUND
						: BatchResult.Status.DISABLED;
				return Batch.nothing(this, connection, vectorizer, status, started);
			}
			if (current.get().storedConfig().equals(vectorizer.storedConfig())) {
				return Batch.nothing(this, connection, vectorizer, BatchResult.Status.EMPTY, started);
			}
			vectorizer = current.get();
			pipeline = pipelineFor(vectorizer);
			sql = new QueueStatements(vectorizer);
			limit = this.claimSizes.limit(vectorizer.id(), this.settings.batchSizeFor(vectorizer));
			claim = claimIfUnchanged(connection, vectorizer, sql, limit);
			if (claim.rows().isEmpty()) {
				return Batch.nothing(this, connection, vectorizer, BatchResult.Status.EMPTY, started);
			}
		}
		PreparedBatch prepared = prepare(vectorizer, pipeline, claim.rows());
		List<RowFailure> failures = new ArrayList<>(prepared.failures());
		ChunkReuse reuse = ChunkReuse.find(connection, vectorizer, sql, chunksByKey(prepared.rows()), claim.storedDigests());
		List<PreparedRow> changed = prepared.rows().stream().filter((row) -> !reuse.unchanged(row.claimed().key())).toList();
		int unchanged = prepared.rows().size() - changed.size();
		List<PreparedRow> embedded = new ArrayList<>(prepared.rows().size());
		List<RowEmbeddings> embeddings = new ArrayList<>(prepared.rows().size());
		int batchSize = this.settings.batchSizeFor(vectorizer);
		boolean callFailed = false;
		int calls = 0;
		for (int first = 0; first < changed.size(); first += batchSize) {
			List<PreparedRow> rows = changed.subList(first, Math.min(first + batchSize, changed.size()));
			calls += rows.stream().anyMatch((row) -> reuse.needsEmbedding(row.claimed().key(), row.chunks().size())) ? 1 : 0;
			try {
				embeddings.addAll(embed(vectorizer, pipeline, rows, reuse));
				embedded.addAll(rows);
			}
			catch (BatchFailure failure) {
				callFailed = true;
				rows.forEach((row) -> failures.add(new RowFailure(row.claimed(), failure.step, failure.getCause())));
			}
		}
		EmbeddingWriter.Started write = null;
		BatchFailure writeFailure = null;
		try {
			write = startWrite(connection, vectorizer, sql, embeddings, reuse);
		}
		catch (BatchFailure failure) {
			writeFailure = failure;
		}
		return new Batch(this, connection, vectorizer, sql, claim, limit, prepared.skipped(), unchanged, embedded,
				embeddings.size(), write, writeFailure, failures, callFailed, calls, started);
	}

	/**
	 * The second half of {@link #process}: writes the embeddings, records the failures and commits.
	 */
	private BatchResult writeAndCommit(Batch batch) throws SQLException {
		Connection connection = batch.connection;
		Vectorizer vectorizer = batch.vectorizer;
		List<RowFailure> failures = batch.failures;
		boolean failed = batch.callFailed;
		int written = batch.written;
		int chunks = 0;
		BatchFailure writeFailure = batch.writeFailure;
		if (writeFailure == null) {
			try {
				chunks = finishWrite(connection, batch.sql, Objects.requireNonNull(batch.write));
			}
			catch (BatchFailure failure) {
				writeFailure = failure;
			}
		}
		if (writeFailure != null) {
			EmbeddingWriter.rollBack(connection);
			failed = true;
			BatchFailure failure = writeFailure;
			batch.embedded.forEach((row) -> failures.add(new RowFailure(row.claimed(), failure.step, failure.getCause())));
			written = 0;
		}
		int embeddedRows = written + batch.unchanged;
		BatchResult.Status status = (failed && embeddedRows == 0) ? BatchResult.Status.FAILED
				: BatchResult.Status.PROCESSED;
		FailureRecorder.Outcome outcome = failures.isEmpty() ? new FailureRecorder.Outcome(0, 0, null)
				: this.failureRecorder.record(connection, vectorizer, batch.sql, failures);
		this.tracking.commit(connection, vectorizer.id(), embeddedRows);
		this.tracking.count(embeddedRows, outcome.lastMessage());
		if (outcome.retried() > 0) {
			this.dueRetryChecks.retryQueued(vectorizer.id());
		}
		BatchResult result = new BatchResult(status, embeddedRows, chunks, batch.skipped, outcome.retried(),
				outcome.failed(), batch.calls, since(batch.started));
		if (!batch.claim.retries()) {
			int batchSize = this.settings.batchSizeFor(vectorizer);
			this.claimSizes.completed(vectorizer.id(), batchSize, batch.limit, result.claimedRows(), result.elapsed());
		}
		if (logger.isDebugEnabled()) {
			logger.debug(vectorizer + ": " + result);
		}
		return result;
	}

	private VectorizerPipeline pipelineFor(Vectorizer vectorizer) {
		VectorizerConfig read;
		try {
			read = vectorizer.config();
		}
		catch (InvalidVectorizerConfigException ex) {
			throw new VectorizerConfigurationException(
					vectorizer + " cannot be processed with its current config: " + ex.getMessage(), ex);
		}
		if (!(read.loading() instanceof LoadingColumnConfig)) {
			throw new VectorizerConfigurationException(vectorizer + " uses loading '"
					+ vectorizer.loadingImplementation() + "' with column '" + vectorizer.loadingColumn()
					+ "'; this worker loads text from a column only: use ai.loading_column('<text column>')", null);
		}
		StoredVectorizerConfig config = vectorizer.storedConfig();
		ConfiguredPipeline cached = this.pipelines.get(vectorizer.id());
		if (cached != null && cached.config().equals(config)) {
			return cached.pipeline();
		}
		VectorizerPipeline pipeline;
		try {
			pipeline = Objects.requireNonNull(this.pipelineFactory.create(vectorizer),
					"PipelineFactory returned null");
		}
		catch (RuntimeException ex) {
			throw new VectorizerConfigurationException(
					vectorizer + " cannot be processed with its current config: " + ex.getMessage(), ex);
		}
		this.pipelines.put(vectorizer.id(), new ConfiguredPipeline(config, pipeline));
		return pipeline;
	}

	/**
	 * Claims a due retry alone or, failing that, a batch of first attempts; nothing when the catalog row
	 * is no longer the one given. A dropped vectorizer (its queue is gone) claims nothing either.
	 */
	private Claim claimIfUnchanged(Connection connection, Vectorizer vectorizer, QueueStatements sql, int limit)
			throws SQLException {
		try {
			if (this.dueRetryChecks.isDue(vectorizer.id())) {
				long searched = System.nanoTime();
				Claim retry = claim(connection, vectorizer, sql, true, 0, 1);
				if (!retry.rows().isEmpty()) {
					return retry;
				}
				this.dueRetryChecks.foundNone(vectorizer.id(), since(searched));
			}
			int start = this.claimPages.getOrDefault(vectorizer.id(), 0);
			Claim claim = claim(connection, vectorizer, sql, false, start, limit);
			this.claimPages.put(vectorizer.id(), claim.lastPage());
			return claim;
		}
		catch (SQLException ex) {
			if (!UNDEFINED_TABLE.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback();
			if (VectorizerCatalog.on(connection).findById(vectorizer.id()).isPresent()) {
				throw ex;
			}
			return new Claim(List.of(), 0, false, Map.of());
		}
	}

	private static Claim claim(Connection connection, Vectorizer vectorizer, QueueStatements sql,
			boolean retries, int startPage, int limit) throws SQLException {
		List<ClaimedRow> rows = new ArrayList<>();
		int lastPage = 0;
		Map<PrimaryKey, Map<Integer, String>> storedDigests = Map.of();
		VectorizerDestination.Table store = (VectorizerDestination.of(vectorizer) instanceof VectorizerDestination.Table table)
				? table : null;
		String statements = sql.beforeClaim() + sql.claim(retries)
				+ ((store != null) ? "; " + sql.storedChunkDigests(store) : "");
		try (PreparedStatement statement = connection.prepareStatement(statements)) {
			int firstSourceColumn = sql.bindClaim(statement, vectorizer.storedConfig().json(), startPage, limit);
			try (ResultSet rs = QueueStatements.executeForResultSet(statement)) {
				ResultSetMetaData metaData = rs.getMetaData();
				int keyColumns = vectorizer.primaryKey().size();
				String firstKeyColumn = vectorizer.primaryKey().get(0).name();
				int presenceColumn = sourceColumnIndex(metaData, firstSourceColumn, firstKeyColumn);
				while (rs.next()) {
					PrimaryKey key = sql.readKey(rs);
					int attempts = rs.getInt(keyColumns + 1);
					lastPage = rs.getInt(keyColumns + 2);
					Map<String, Object> source = null;
					if (rs.getObject(presenceColumn) != null) {
						source = PythonRowReader.read(rs, firstSourceColumn);
						source.putIfAbsent(PythonTemplateFormatter.QUEUE_RETRIES, attempts);
					}
					rows.add(new ClaimedRow(key, attempts, source));
				}
			}
			if (store != null) {
				if (!statement.getMoreResults()) {
					throw new SQLException("The claim returned no stored chunk digests: " + statement);
				}
				try (ResultSet rs = statement.getResultSet()) {
					storedDigests = ChunkReuse.readStoredDigests(rs, sql);
				}
			}
		}
		return new Claim(rows, lastPage, retries, storedDigests);
	}

	private static int sourceColumnIndex(ResultSetMetaData metaData, int firstSourceColumn, String name)
			throws SQLException {
		for (int i = firstSourceColumn; i <= metaData.getColumnCount(); i++) {
			if (metaData.getColumnName(i).equals(name)) {
				return i;
			}
		}
		throw new SQLException("The source table has no column '" + name + "' of its recorded primary key; "
				+ "the table changed after the vectorizer was created");
	}

	private static PreparedBatch prepare(Vectorizer vectorizer, VectorizerPipeline pipeline, List<ClaimedRow> claimed) {
		boolean singleChunk = VectorizerDestination.of(vectorizer) instanceof VectorizerDestination.Column;
		List<PreparedRow> rows = new ArrayList<>();
		List<RowFailure> failures = new ArrayList<>();
		int skipped = 0;
		for (ClaimedRow row : claimed) {
			if (row.sourceDeleted()) {
				skipped++;
				continue;
			}
			FailureStep step = FailureStep.LOADING;
			try {
				String text = loadText(vectorizer, row);
				step = FailureStep.CHUNKING;
				List<String> chunks = chunk(vectorizer, pipeline, text, singleChunk);
				step = FailureStep.FORMATTING;
				List<String> formatted = new ArrayList<>(chunks.size());
				for (String chunk : chunks) {
					formatted.add(Objects.requireNonNull(pipeline.format(chunk, row.source()),
							"the formatter returned null"));
				}
				rows.add(new PreparedRow(row, formatted));
			}
			catch (RuntimeException ex) {
				failures.add(new RowFailure(row, step, ex));
			}
		}
		return new PreparedBatch(rows, failures, skipped);
	}

	private static String loadText(Vectorizer vectorizer, ClaimedRow row) {
		String column = vectorizer.loadingColumn();
		if (!row.source().containsKey(column)) {
			throw new IllegalStateException("The loading column '" + column + "' does not exist in "
					+ vectorizer.sourceSchema() + "." + vectorizer.sourceTable()
					+ "; recreate the vectorizer with ai.loading_column('<existing text column>')");
		}
		Object value = row.source().get(column);
		if (value instanceof byte[]) {
			throw new IllegalStateException("The loading column '" + column
					+ "' is bytea; parsing binary documents is not supported by this worker, load a text column");
		}
		return (value != null) ? value.toString() : null;
	}

	private static List<String> chunk(Vectorizer vectorizer, VectorizerPipeline pipeline, String text,
			boolean singleChunk) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		List<String> chunks = Objects.requireNonNull(pipeline.chunk(text), "the chunker returned null");
		if (singleChunk && chunks.size() > 1) {
			throw new IllegalStateException(vectorizer + " writes to a column, which holds one embedding per row, "
					+ "but the chunker produced " + chunks.size() + " chunks; use ai.chunking_none()");
		}
		return chunks;
	}

	private static Map<PrimaryKey, List<String>> chunksByKey(List<PreparedRow> rows) {
		Map<PrimaryKey, List<String>> chunks = new LinkedHashMap<>();
		rows.forEach((row) -> chunks.put(row.claimed().key(), row.chunks()));
		return chunks;
	}

	/** Embeds the chunks of the rows that {@link ChunkReuse} has no stored vector for, in one call. */
	private static List<RowEmbeddings> embed(Vectorizer vectorizer, VectorizerPipeline pipeline,
			List<PreparedRow> rows, ChunkReuse reuse) {
		List<String> texts = new ArrayList<>();
		for (PreparedRow row : rows) {
			for (int i = 0; i < row.chunks().size(); i++) {
				if (reuse.storedVector(row.claimed().key(), i) == null) {
					texts.add(row.chunks().get(i));
				}
			}
		}
		List<float[]> vectors = texts.isEmpty() ? List.of() : callEmbedder(vectorizer, pipeline, texts);
		List<RowEmbeddings> embeddings = new ArrayList<>(rows.size());
		int next = 0;
		for (PreparedRow row : rows) {
			List<float[]> rowVectors = new ArrayList<>(row.chunks().size());
			for (int i = 0; i < row.chunks().size(); i++) {
				float[] stored = reuse.storedVector(row.claimed().key(), i);
				rowVectors.add((stored != null) ? stored : vectors.get(next++));
			}
			embeddings.add(new RowEmbeddings(row.claimed().key(), row.chunks(), rowVectors));
		}
		return embeddings;
	}

	private static List<float[]> callEmbedder(Vectorizer vectorizer, VectorizerPipeline pipeline, List<String> texts) {
		try {
			List<float[]> vectors = pipeline.embedder().embedDocuments(texts);
			if (vectors == null || vectors.size() != texts.size()) {
				throw new IllegalStateException("The embedder returned " + ((vectors != null) ? vectors.size() : "no")
						+ " vectors for " + texts.size() + " texts");
			}
			int dimensions = vectorizer.dimensions();
			for (float[] vector : vectors) {
				if (vector.length != dimensions) {
					throw new IllegalStateException("The embedder returned " + vector.length
							+ "-dimensional vectors but " + vectorizer + " stores vector(" + dimensions
							+ "); make embedding.dimensions match the model");
				}
			}
			return vectors;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted() || ex instanceof EmbedderClosedException) {
				throw ex;
			}
			throw new BatchFailure(FailureStep.EMBEDDING, ex);
		}
	}

	/** {@link EmbeddingWriter#start}, with non-transient errors as a failure of the batch's write. */
	private static EmbeddingWriter.Started startWrite(Connection connection, Vectorizer vectorizer, QueueStatements sql,
			List<RowEmbeddings> embeddings, ChunkReuse reuse) throws SQLException {
		try {
			return EmbeddingWriter.start(connection, vectorizer, sql, embeddings, reuse::hasStoredChunks);
		}
		catch (SQLException ex) {
			throw asWriteFailure(ex);
		}
	}

	/** {@link EmbeddingWriter#finish}, with non-transient errors as a failure of the batch's write. */
	private static int finishWrite(Connection connection, QueueStatements sql, EmbeddingWriter.Started write)
			throws SQLException {
		try {
			return EmbeddingWriter.finish(connection, sql, write);
		}
		catch (SQLException ex) {
			throw asWriteFailure(ex);
		}
	}

	/**
	 * A non-transient error as a failed write; a transient one is rethrown (the batch is rolled back and
	 * processed again).
	 */
	private static BatchFailure asWriteFailure(SQLException ex) throws SQLException {
		if (isTransient(ex)) {
			throw ex;
		}
		return new BatchFailure(FailureStep.WRITING, ex);
	}

	/** Connection losses, deadlocks, serialization failures, cancellations: retry without counting. */
	private static boolean isTransient(SQLException ex) {
		String state = Objects.requireNonNullElse(ex.getSQLState(), "08000");
		return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
				|| state.equals("55P03");
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static VectorizerDataAccessException rolledBack(Vectorizer vectorizer, SQLException ex) {
		return new VectorizerDataAccessException(
				"Batch of " + vectorizer + " was rolled back; its queue entries will be processed again", ex);
	}

	private static void closeAfterFailure(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			logger.debug("Rollback failed (the connection is probably gone, which rolls back too)", ex);
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Closing the connection of a failed batch failed", ex);
		}
	}

	/**
	 * Claimed rows, the highest queue heap page the claim selected from (0 when it selected none), whether they
	 * are a due retry, and the digests of the stored chunks of their keys (read in the claim's round trip).
	 */
	private record Claim(List<ClaimedRow> rows, int lastPage, boolean retries,
			Map<PrimaryKey, Map<Integer, String>> storedDigests) {

	}

	private record ConfiguredPipeline(StoredVectorizerConfig config, VectorizerPipeline pipeline) {

	}

	private record PreparedRow(ClaimedRow claimed, List<String> chunks) {

	}

	private record PreparedBatch(List<PreparedRow> rows, List<RowFailure> failures, int skipped) {

	}

	/**
	 * A batch between {@link #claimAndEmbed} and its commit: the open transaction with the claimed rows,
	 * their embeddings and the failures so far. Used by one thread at a time.
	 */
	static final class Batch {

		private final BatchProcessor processor;

		private final Connection connection;

		private final Vectorizer vectorizer;

		private final QueueStatements sql;

		private final Claim claim;

		private final int limit;

		private final int skipped;

		/** Rows whose formatted chunks equal the stored ones: nothing embedded or written for them. */
		private final int unchanged;

		private final List<PreparedRow> embedded;

		/** Rows whose chunks the write replaces (all embedded rows). */
		private final int written;

		/** The write as {@link EmbeddingWriter#start} left it; {@code null} if that failed. */
		private final EmbeddingWriter.@Nullable Started write;

		/** Why {@link EmbeddingWriter#start} failed, if it did. */
		private final @Nullable BatchFailure writeFailure;

		private final List<RowFailure> failures;

		private final boolean callFailed;

		private final int calls;

		private final long started;

		private final BatchResult.Status nothing;

		private Batch(BatchProcessor processor, Connection connection, Vectorizer vectorizer, QueueStatements sql,
				Claim claim, int limit, int skipped, int unchanged, List<PreparedRow> embedded, int written,
				EmbeddingWriter.@Nullable Started write, @Nullable BatchFailure writeFailure, List<RowFailure> failures,
				boolean callFailed, int calls, long started) {
			this.processor = processor;
			this.connection = connection;
			this.vectorizer = vectorizer;
			this.sql = sql;
			this.claim = claim;
			this.limit = limit;
			this.skipped = skipped;
			this.unchanged = unchanged;
			this.embedded = embedded;
			this.written = written;
			this.write = write;
			this.writeFailure = writeFailure;
			this.failures = failures;
			this.callFailed = callFailed;
			this.calls = calls;
			this.started = started;
			this.nothing = null;
		}

		private Batch(Connection connection, Vectorizer vectorizer, BatchResult.Status nothing, long started) {
			this.processor = null;
			this.connection = connection;
			this.vectorizer = vectorizer;
			this.sql = null;
			this.claim = null;
			this.limit = 0;
			this.skipped = 0;
			this.unchanged = 0;
			this.embedded = List.of();
			this.written = 0;
			this.write = null;
			this.writeFailure = null;
			this.failures = List.of();
			this.callFailed = false;
			this.calls = 0;
			this.started = started;
			this.nothing = nothing;
		}

		/** A batch that claimed nothing; its transaction is ended at once. */
		private static Batch nothing(BatchProcessor processor, Connection connection, Vectorizer vectorizer,
				BatchResult.Status status, long started) throws SQLException {
			try {
				connection.commit();
			}
			finally {
				connection.close();
			}
			return new Batch(connection, vectorizer, status, started);
		}

		/** Whether the batch claimed queue entries (so its vectorizer may have more). */
		boolean claimedWork() {
			return this.nothing == null;
		}

		/** The vectorizer as the batch processed it (re-read if its config changed). */
		Vectorizer vectorizer() {
			return this.vectorizer;
		}

		/**
		 * Writes the embeddings, records the failures and commits; on any failure the transaction is
		 * rolled back and the claimed entries stay queued.
		 * @return what the batch did
		 * @throws VectorizerDataAccessException if the database failed
		 */
		BatchResult commit() {
			if (this.nothing != null) {
				return BatchResult.of(this.nothing, since(this.started));
			}
			try {
				BatchResult result = this.processor.writeAndCommit(this);
				this.connection.close();
				return result;
			}
			catch (SQLException ex) {
				closeAfterFailure(this.connection);
				throw rolledBack(this.vectorizer, ex);
			}
			catch (RuntimeException | Error ex) {
				closeAfterFailure(this.connection);
				throw ex;
			}
		}

		/** Rolls the batch back: its claimed entries stay queued. */
		void abandon() {
			if (this.nothing == null) {
				closeAfterFailure(this.connection);
			}
		}

	}

	/** A failure of the whole batch (embedding call or write). */
	private static final class BatchFailure extends RuntimeException {

		private final FailureStep step;

		BatchFailure(FailureStep step, Throwable cause) {
			super(cause.getMessage(), cause, false, false);
			this.step = step;
		}

	}

}
