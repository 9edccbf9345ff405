package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

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

/**
 * Processes one batch of a vectorizer's queue in one transaction, like pgai's worker: claim queue
 * entries, load the source rows, chunk, format, embed and replace the rows' chunks, then commit. A
 * crash anywhere before the commit rolls everything back and the entries are claimed again later.
 * <p>
 * Entries that failed before are retried alone (a batch of one), after their backoff, so a row that
 * keeps failing never holds up the others. Row-level failures (loading, chunking, formatting) affect
 * only that row; a failing embedding call or write fails the batch. A failed write is rolled back to a
 * savepoint taken just before it, and the failed rows are then, in the same transaction, re-queued with
 * one more attempt or moved to the failed queue (see {@link WorkerSettings#maxRetries()}), with the error
 * recorded in {@code ai._vectorizer_errors}.
 * <p>
 * A batch of a table destination takes five round trips: claim, savepoint with lock and delete, the
 * two ends of the {@code COPY}, commit. The catalog row is checked by the claim itself and read only
 * when the claim comes back empty; successes are reported to {@code ai._worker_progress} by the
 * worker, summed up, at most once per second.
 */
public final class BatchProcessor {

	private static final Log logger = LogFactory.getLog(BatchProcessor.class);

	private static final String UNDEFINED_TABLE = "42P01";

	private final DataSource dataSource;

	private final PipelineFactory pipelineFactory;

	private final WorkerSettings settings;

	private final WorkerTracking tracking;

	private final FailureRecorder failureRecorder;

	private final Map<Integer, ConfiguredPipeline> pipelines = new ConcurrentHashMap<>();

	private final DueRetryChecks dueRetryChecks;

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
	 * Processes one batch of the vectorizer's due queue entries. The claim takes nothing unless the
	 * vectorizer's catalog row is unchanged and enabled; when it comes back empty the row is re-read, so
	 * a disabled, dropped or reconfigured vectorizer is noticed before every batch (a changed config is
	 * processed with the new one).
	 * @param vectorizer the vectorizer
	 * @return what the batch did
	 * @throws VectorizerConfigurationException if the vectorizer's config cannot be processed (nothing
	 * is claimed)
	 * @throws VectorizerDataAccessException if the database failed; the batch was rolled back and its
	 * entries are queued again
	 */
	public BatchResult process(Vectorizer vectorizer) {
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				Completed completed = processInTransaction(connection, vectorizer, started);
				connection.commit();
				this.tracking.count(completed.result().embeddedRows(), completed.errorMessage());
				this.tracking.succeeded(vectorizer.id(), completed.result().embeddedRows());
				return completed.result();
			}
			catch (SQLException | RuntimeException | Error ex) {
				rollbackQuietly(connection);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException(
					"Batch of " + vectorizer + " was rolled back; its queue entries will be processed again", ex);
		}
	}

	private Completed processInTransaction(Connection connection, Vectorizer given, long started)
			throws SQLException {
		Vectorizer vectorizer = given;
		VectorizerPipeline pipeline = pipelineFor(vectorizer);
		QueueStatements sql = new QueueStatements(vectorizer);
		List<ClaimedRow> claimed = claimIfUnchanged(connection, vectorizer, sql);
		if (claimed.isEmpty()) {
			Optional<Vectorizer> current = VectorizerCatalog.on(connection).findById(vectorizer.id());
			if (current.isEmpty() || current.get().disabled()) {
				BatchResult.Status status = current.isEmpty() ? BatchResult.Status.NOT_FOUND
						: BatchResult.Status.DISABLED;
				return new Completed(BatchResult.of(status, since(started)), null);
			}
			if (current.get().storedConfig().equals(vectorizer.storedConfig())) {
				return new Completed(BatchResult.of(BatchResult.Status.EMPTY, since(started)), null);
			}
			vectorizer = current.get();
			pipeline = pipelineFor(vectorizer);
			sql = new QueueStatements(vectorizer);
			claimed = claimIfUnchanged(connection, vectorizer, sql);
			if (claimed.isEmpty()) {
				return new Completed(BatchResult.of(BatchResult.Status.EMPTY, since(started)), null);
			}
		}
		PreparedBatch prepared = prepare(vectorizer, pipeline, claimed);
		List<RowFailure> failures = new ArrayList<>(prepared.failures());
		BatchResult.Status status = BatchResult.Status.PROCESSED;
		int embeddedRows = 0;
		int chunks = 0;
		try {
			List<RowEmbeddings> embeddings = embed(vectorizer, pipeline, prepared.rows());
			chunks = write(connection, vectorizer, sql, embeddings);
			embeddedRows = embeddings.size();
		}
		catch (BatchFailure failure) {
			if (failure.step == FailureStep.WRITING) {
				EmbeddingWriter.rollBack(connection);
			}
			for (PreparedRow row : prepared.rows()) {
				failures.add(new RowFailure(row.claimed(), failure.step, failure.getCause()));
			}
			status = BatchResult.Status.FAILED;
		}
		FailureRecorder.Outcome outcome = failures.isEmpty() ? new FailureRecorder.Outcome(0, 0, null)
				: this.failureRecorder.record(connection, vectorizer, sql, failures);
		if (outcome.retried() > 0) {
			this.dueRetryChecks.retryQueued(vectorizer.id());
		}
		BatchResult result = new BatchResult(status, embeddedRows, chunks, prepared.skipped(), outcome.retried(),
				outcome.failed(), since(started));
		if (logger.isDebugEnabled()) {
			logger.debug(vectorizer + ": " + result);
		}
		return new Completed(result, outcome.lastMessage());
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
			pipeline = Objects.requireNonNull(this.pipelineFactory.create(read),
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
	private List<ClaimedRow> claimIfUnchanged(Connection connection, Vectorizer vectorizer, QueueStatements sql)
			throws SQLException {
		try {
			List<ClaimedRow> claimed = List.of();
			if (this.dueRetryChecks.isDue(vectorizer.id())) {
				claimed = claim(connection, vectorizer, sql, true, 1);
				if (claimed.isEmpty()) {
					this.dueRetryChecks.foundNone(vectorizer.id());
				}
			}
			if (claimed.isEmpty()) {
				claimed = claim(connection, vectorizer, sql, false, this.settings.batchSizeFor(vectorizer));
			}
			return claimed;
		}
		catch (SQLException ex) {
			if (!UNDEFINED_TABLE.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback();
			if (VectorizerCatalog.on(connection).findById(vectorizer.id()).isPresent()) {
				throw ex;
			}
			return List.of();
		}
	}

	private static List<ClaimedRow> claim(Connection connection, Vectorizer vectorizer, QueueStatements sql,
			boolean retries, int limit) throws SQLException {
		List<ClaimedRow> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql.claim(retries))) {
			statement.setInt(1, vectorizer.id());
			statement.setString(2, vectorizer.storedConfig().json());
			statement.setInt(3, limit);
			statement.setInt(4, vectorizer.id());
			try (ResultSet rs = statement.executeQuery()) {
				ResultSetMetaData metaData = rs.getMetaData();
				int keyColumns = vectorizer.primaryKey().size();
				int firstSourceColumn = keyColumns + 2;
				String firstKeyColumn = vectorizer.primaryKey().get(0).name();
				int presenceColumn = sourceColumnIndex(metaData, firstSourceColumn, firstKeyColumn);
				while (rs.next()) {
					PrimaryKey key = sql.readKey(rs);
					int attempts = rs.getInt(keyColumns + 1);
					Map<String, Object> source = null;
					if (rs.getObject(presenceColumn) != null) {
						source = PythonRowReader.read(rs, firstSourceColumn);
						source.putIfAbsent(PythonTemplateFormatter.QUEUE_RETRIES, attempts);
					}
					rows.add(new ClaimedRow(key, attempts, source));
				}
			}
		}
		return rows;
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

	private static List<RowEmbeddings> embed(Vectorizer vectorizer, VectorizerPipeline pipeline,
			List<PreparedRow> rows) {
		List<String> texts = rows.stream().flatMap((row) -> row.chunks().stream()).toList();
		List<float[]> vectors = texts.isEmpty() ? List.of() : callEmbedder(vectorizer, pipeline, texts);
		List<RowEmbeddings> embeddings = new ArrayList<>(rows.size());
		int next = 0;
		for (PreparedRow row : rows) {
			int count = row.chunks().size();
			embeddings.add(new RowEmbeddings(row.claimed().key(), row.chunks(), vectors.subList(next, next + count)));
			next += count;
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
			if (Thread.currentThread().isInterrupted()) {
				throw ex;
			}
			throw new BatchFailure(FailureStep.EMBEDDING, ex);
		}
	}

	private static int write(Connection connection, Vectorizer vectorizer, QueueStatements sql,
			List<RowEmbeddings> embeddings) throws SQLException {
		try {
			return EmbeddingWriter.write(connection, vectorizer, sql, embeddings);
		}
		catch (SQLException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			throw new BatchFailure(FailureStep.WRITING, ex);
		}
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

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			logger.debug("Rollback failed (the connection is probably gone, which rolls back too)", ex);
		}
	}

	private record ConfiguredPipeline(StoredVectorizerConfig config, VectorizerPipeline pipeline) {

	}

	private record PreparedRow(ClaimedRow claimed, List<String> chunks) {

	}

	private record PreparedBatch(List<PreparedRow> rows, List<RowFailure> failures, int skipped) {

	}

	private record Completed(BatchResult result, String errorMessage) {

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
