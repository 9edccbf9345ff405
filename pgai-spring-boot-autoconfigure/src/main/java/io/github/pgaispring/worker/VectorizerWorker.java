package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.pgaispring.observation.BatchObservationContext;
import io.github.pgaispring.observation.BatchObservationConvention;
import io.github.pgaispring.observation.DefaultBatchObservationConvention;
import io.github.pgaispring.observation.PgaiObservationDocumentation;
import io.github.pgaispring.sql.IndexingHnswConfig;
import io.github.pgaispring.sql.StoredVectorizerConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The in-application vectorizer worker: keeps every vectorizer's embeddings in sync with its source
 * table by processing the queues that pgai's triggers fill.
 * <p>
 * {@link WorkerSettings#threads()} threads take turns over the vectorizers that have work (round robin,
 * one batch per turn) and run {@link BatchProcessor batches} until the queues are empty. A poller checks
 * idle queues every {@link WorkerSettings#pollInterval()}, so new rows are embedded shortly after they are
 * committed; it also picks up new, dropped, disabled and changed vectorizers. Any number of threads and
 * application instances can work on the same database: queue entries are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and pgai's per-key advisory locks, and a batch commits its claim and its
 * embeddings together.
 * <p>
 * The worker registers with {@code ai._worker_start}, sends heartbeats and per-vectorizer progress
 * (summed up, at most once per second), logs the progress of long backfills, creates HNSW indexes once
 * they are due, and reports to a
 * {@link WorkerMetrics}, its {@link WorkerListener}s (each drained backlog) and, when given a registry, Micrometer
 * ({@code pgai.worker.batch} observations). {@link #status()} tells what it is doing. {@link #stop()} lets running
 * batches finish. The worker threads are not daemon
 * threads, so an application that only runs the worker stays up while it works.
 */
public final class VectorizerWorker {

	private static final Log logger = LogFactory.getLog(VectorizerWorker.class);

	/** How often summed-up successes are sent to {@code ai._worker_progress}. */
	private static final Duration PROGRESS_FLUSH_INTERVAL = Duration.ofSeconds(1);

	private final DataSource dataSource;

	private final VectorizerCatalog catalog;

	private final WorkerSettings settings;

	private final WorkerMetrics metrics;

	private final WorkerTracking tracking = new WorkerTracking();

	private final BatchProcessor processor;

	private final ProgressReporter progress = new ProgressReporter();

	private final Map<Integer, StoredVectorizerConfig> reportedConfigurationErrors = new ConcurrentHashMap<>();

	private final Set<Integer> indexChecked = ConcurrentHashMap.newKeySet();

	private final Set<String> reportedMissingNames = ConcurrentHashMap.newKeySet();

	private final Object lifecycleMonitor = new Object();

	private final List<WorkerListener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicInteger failedBatchesInARow = new AtomicInteger();

	private volatile String lastBatchError;

	private volatile Instant lastBatchErrorAt;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile BatchObservationConvention observationConvention;

	private volatile boolean running;

	private volatile boolean registered;

	private volatile boolean databaseReachable = true;

	private VectorizerScheduler scheduler;

	private ScheduledExecutorService housekeeping;

	private List<Thread> threads = List.of();

	/**
	 * Creates a worker without metrics.
	 * @param dataSource the database with pgai's {@code ai} schema
	 * @param pipelineFactory builds each vectorizer's chunk/format/embed pipeline from its config
	 * @param settings threads, polling, retries and more
	 */
	public VectorizerWorker(DataSource dataSource, PipelineFactory pipelineFactory, WorkerSettings settings) {
		this(dataSource, pipelineFactory, settings, WorkerMetrics.NONE);
	}

	/**
	 * Creates a worker.
	 * @param dataSource the database with pgai's {@code ai} schema
	 * @param pipelineFactory builds each vectorizer's chunk/format/embed pipeline from its config
	 * @param settings threads, polling, retries and more
	 * @param metrics receives batch and queue measurements
	 */
	public VectorizerWorker(DataSource dataSource, PipelineFactory pipelineFactory, WorkerSettings settings,
			WorkerMetrics metrics) {
		this.dataSource = dataSource;
		this.catalog = new VectorizerCatalog(dataSource);
		this.settings = settings;
		this.metrics = metrics;
		this.processor = new BatchProcessor(dataSource, pipelineFactory, settings, this.tracking);
	}

	/** Starts the worker threads and the poller. Does nothing if already running. */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.scheduler = new VectorizerScheduler(this.settings.threads());
			this.housekeeping = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "pgai-worker-poller");
				thread.setDaemon(true);
				return thread;
			});
			long poll = this.settings.pollInterval().toMillis();
			this.housekeeping.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
			long heartbeat = this.settings.heartbeatInterval().toMillis();
			this.housekeeping.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
			long flush = PROGRESS_FLUSH_INTERVAL.toMillis();
			this.housekeeping.scheduleAtFixedRate(this::flushProgress, flush, flush, TimeUnit.MILLISECONDS);
			long report = this.settings.progressLogInterval().toMillis();
			this.housekeeping.scheduleAtFixedRate(this::report, report, report, TimeUnit.MILLISECONDS);
			List<Thread> started = new ArrayList<>();
			for (int i = 1; i <= this.settings.threads(); i++) {
				VectorizerScheduler turns = this.scheduler;
				Thread thread = new Thread(() -> work(turns), "pgai-worker-" + i);
				thread.start();
				started.add(thread);
			}
			this.threads = started;
			logger.info("Vectorizer worker started with " + this.settings.threads() + " thread(s)");
		}
	}

	/**
	 * Stops the worker: no new batches start, the poller finishes its current task, running batches
	 * finish and commit (all within {@link WorkerSettings#shutdownTimeout()}; batches still running then
	 * are interrupted and roll back, and their entries stay queued), and a final heartbeat is sent. Does
	 * nothing if not running.
	 */
	public void stop() {
		List<Thread> stopping;
		ScheduledExecutorService stoppingHousekeeping;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.scheduler.stop();
			stoppingHousekeeping = this.housekeeping;
			stoppingHousekeeping.shutdown();
			stopping = this.threads;
			this.threads = List.of();
		}
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		try {
			if (!stoppingHousekeeping.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
				stoppingHousekeeping.shutdownNow();
			}
			for (Thread thread : stopping) {
				thread.join(Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1));
				if (thread.isAlive()) {
					logger.warn(thread.getName() + " did not finish its batch within " + this.settings.shutdownTimeout()
							+ "; interrupting it (the batch rolls back and its rows stay queued)");
					thread.interrupt();
					thread.join(TimeUnit.SECONDS.toMillis(5));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		flushProgress();
		heartbeat();
		logger.info("Vectorizer worker stopped");
	}

	/** Whether the worker has been started and not stopped. */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Adds a listener that hears each drained backlog.
	 * @param listener the listener
	 */
	public void addListener(WorkerListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Makes every batch a {@code pgai.worker.batch} observation in the given registry.
	 * @param registry the registry
	 * @param convention the convention of the observations, or {@code null} for
	 * {@link DefaultBatchObservationConvention}
	 */
	public void setObservationRegistry(ObservationRegistry registry, BatchObservationConvention convention) {
		this.observationRegistry = registry;
		this.observationConvention = convention;
	}

	/** What the worker is doing: heartbeat, failing batches, backlogs being worked off. */
	public WorkerStatus status() {
		return new WorkerStatus(this.running, this.tracking.workerId(), this.tracking.lastHeartbeat(),
				this.settings.heartbeatInterval(), this.databaseReachable, this.failedBatchesInARow.get(),
				this.lastBatchError, this.lastBatchErrorAt, this.progress.backlogs());
	}

	/**
	 * Processes every selected vectorizer's due queue entries in the calling thread until the queues are
	 * empty (like pgai's {@code --once}); the worker need not be started. The worker registers in
	 * {@code ai.vectorizer_worker_process} first and sends a heartbeat with its counts at the end.
	 * @return the number of source rows embedded
	 */
	public long runOnce() {
		register();
		long embedded = 0;
		long nextFlush = System.nanoTime() + PROGRESS_FLUSH_INTERVAL.toNanos();
		try {
			for (Vectorizer vectorizer : selectedVectorizers()) {
				BatchResult result;
				do {
					result = processBatch(vectorizer);
					recordBatch(vectorizer, result);
					embedded += result.embeddedRows();
					if (System.nanoTime() - nextFlush >= 0) {
						flushProgress();
						nextFlush = System.nanoTime() + PROGRESS_FLUSH_INTERVAL.toNanos();
					}
				}
				while (result.claimedWork());
				queueEmptied(vectorizer);
			}
		}
		finally {
			flushProgress();
		}
		heartbeat();
		return embedded;
	}

	private void work(VectorizerScheduler turns) {
		try {
			while (true) {
				Vectorizer vectorizer = turns.take(this.settings.pollInterval());
				if (vectorizer == null) {
					if (!this.running) {
						return;
					}
					continue;
				}
				boolean moreWork = false;
				try {
					BatchResult result = processBatch(vectorizer);
					this.failedBatchesInARow.set(0);
					recordBatch(vectorizer, result);
					moreWork = result.claimedWork();
					if (result.status() == BatchResult.Status.EMPTY) {
						queueEmptied(vectorizer);
					}
				}
				catch (VectorizerConfigurationException ex) {
					turns.block(vectorizer, this.settings.maxRetryBackoff());
					reportConfigurationError(vectorizer, ex);
				}
				catch (RuntimeException ex) {
					logger.warn(vectorizer + ": batch failed and was rolled back; its rows stay queued: "
							+ ex.getMessage(), logger.isDebugEnabled() ? ex : null);
					this.tracking.count(0, ex.getMessage());
					this.lastBatchError = ex.getMessage();
					this.lastBatchErrorAt = Instant.now();
					this.failedBatchesInARow.incrementAndGet();
				}
				finally {
					turns.release(vectorizer, moreWork);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One batch, observed as {@code pgai.worker.batch}. */
	private BatchResult processBatch(Vectorizer vectorizer) {
		BatchObservationContext context = new BatchObservationContext(vectorizer.name());
		return PgaiObservationDocumentation.WORKER_BATCH
			.observation(this.observationConvention, DefaultBatchObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.observe(() -> {
				BatchResult result = this.processor.process(vectorizer);
				context.setOutcome(result.status().name().toLowerCase(Locale.ROOT), result.embeddedRows(),
						result.chunks(), result.retriedRows() + result.failedRows());
				return result;
			});
	}

	private void recordBatch(Vectorizer vectorizer, BatchResult result) {
		if (result.claimedWork()) {
			this.metrics.batchCompleted(vectorizer, result);
			this.progress.record(vectorizer, result);
		}
	}

	private void queueEmptied(Vectorizer vectorizer) {
		ProgressReporter.Drained drained = this.progress.caughtUp(vectorizer);
		if ((drained != null && drained.rows() > 0) || this.indexChecked.add(vectorizer.id())) {
			createIndexIfDue(vectorizer);
		}
		if (drained != null) {
			for (WorkerListener listener : this.listeners) {
				try {
					listener.caughtUp(vectorizer, drained.rows(), drained.chunks(), drained.elapsed());
				}
				catch (RuntimeException ex) {
					logger.warn(listener + " failed on " + vectorizer + " caught up: " + ex.getMessage(), ex);
				}
			}
		}
	}

	private void createIndexIfDue(Vectorizer vectorizer) {
		try {
			VectorIndexCreator.createIfDue(this.dataSource, vectorizer);
		}
		catch (RuntimeException ex) {
			logger.warn(vectorizer + ": creating its HNSW index failed; will try again after the next batch: "
					+ ex.getMessage());
		}
	}

	private void reportConfigurationError(Vectorizer vectorizer, VectorizerConfigurationException ex) {
		StoredVectorizerConfig previous = this.reportedConfigurationErrors.put(vectorizer.id(),
				vectorizer.storedConfig());
		if (vectorizer.storedConfig().equals(previous)) {
			return;
		}
		logger.error(ex.getMessage() + " Its queue is left untouched until the vectorizer's config changes"
				+ " (checked again in " + this.settings.maxRetryBackoff() + ").", ex);
		try (Connection connection = this.dataSource.getConnection()) {
			FailureRecorder.recordConfigurationError(connection, vectorizer, ex);
			this.tracking.progress(connection, vectorizer.id(), 0, ex.getMessage());
		}
		catch (SQLException sqlException) {
			logger.warn("Cannot record the configuration error of " + vectorizer + ": " + sqlException.getMessage());
		}
	}

	private void poll() {
		try {
			register();
			this.scheduler.update(selectedVectorizers());
			List<Vectorizer> idle = this.scheduler.idle();
			if (!idle.isEmpty()) {
				activateVectorizersWithDueWork(idle);
			}
			if (!this.databaseReachable) {
				logger.info("Vectorizer worker reaches the database again");
				this.databaseReachable = true;
			}
		}
		catch (RuntimeException ex) {
			if (this.databaseReachable) {
				logger.warn("Vectorizer worker cannot poll the database; retrying every " + this.settings.pollInterval()
						+ ": " + ex.getMessage());
				this.databaseReachable = false;
			}
		}
	}

	/** Registers with {@code ai._worker_start} once per worker. */
	private synchronized void register() {
		if (!this.registered) {
			this.tracking.register(this.dataSource, version(), this.settings.heartbeatInterval());
			this.registered = true;
		}
	}

	private void activateVectorizersWithDueWork(List<Vectorizer> idle) {
		try (Connection connection = this.dataSource.getConnection()) {
			for (Vectorizer vectorizer : idle) {
				try (PreparedStatement statement = connection.prepareStatement("select exists (select 1 from "
						+ vectorizer.qualifiedQueue()
						+ " where loading_retry_after is null or loading_retry_after <= now())");
						ResultSet rs = statement.executeQuery()) {
					if (rs.next() && rs.getBoolean(1)) {
						this.scheduler.activate(vectorizer.id());
					}
				}
				catch (SQLException ex) {
					logger.debug("Cannot check the queue of " + vectorizer + " (dropped meanwhile?)", ex);
				}
			}
		}
		catch (SQLException ex) {
			throw new VectorizerDataAccessException("Cannot check the vectorizer queues", ex);
		}
	}

	private List<Vectorizer> selectedVectorizers() {
		List<Vectorizer> all = this.catalog.findAll();
		Set<String> names = this.settings.vectorizerNames();
		for (String name : names) {
			if (all.stream().noneMatch((vectorizer) -> vectorizer.name().equals(name))
					&& this.reportedMissingNames.add(name)) {
				logger.warn("No vectorizer named '" + name + "' in ai.vectorizer; check the worker's vectorizer names");
			}
		}
		return all.stream()
			.filter((vectorizer) -> !vectorizer.disabled())
			.filter((vectorizer) -> names.isEmpty() || names.contains(vectorizer.name()))
			.toList();
	}

	private void flushProgress() {
		this.tracking.flushProgress(this.dataSource);
	}

	private void heartbeat() {
		this.tracking.heartbeat(this.dataSource);
	}

	private void report() {
		try {
			VectorizerQueues queues = new VectorizerQueues(this.dataSource);
			this.progress.report(queues::pending);
			if (this.metrics != WorkerMetrics.NONE) {
				for (Vectorizer vectorizer : selectedVectorizers()) {
					this.metrics.queueDepth(vectorizer, queues.pending(vectorizer));
				}
			}
			for (Vectorizer vectorizer : this.progress.running()) {
				if (vectorizer.storedConfig().ifReadable().map((config) -> config.indexing()).orElse(null)
						instanceof IndexingHnswConfig hnsw && !hnsw.createWhenQueueEmptyOrDefault()) {
					createIndexIfDue(vectorizer);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Progress report failed", ex);
		}
	}

	private static String version() {
		String version = VectorizerWorker.class.getPackage().getImplementationVersion();
		return "pgai-spring-boot " + ((version != null) ? version : "dev");
	}

}
