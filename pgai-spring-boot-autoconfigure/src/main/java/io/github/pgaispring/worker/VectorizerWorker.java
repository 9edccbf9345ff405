package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.pgaispring.observation.BatchObservationConvention;
import io.github.pgaispring.observation.DefaultBatchObservationConvention;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The in-application vectorizer worker: keeps every vectorizer's embeddings in sync with its source
 * table by processing the queues that pgai's triggers fill.
 * <p>
 * {@link WorkerSettings#threads()} threads ({@link BatchLoop}) take turns over the vectorizers that have work
 * (round robin, one batch transaction per turn) and run {@link BatchProcessor batches} until the queues are
 * empty. New rows wake the worker at once through the catalog's notifications ({@link QueueListener}); a poller
 * checks idle queues every {@link WorkerSettings#pollInterval()} too (the only way on pgai's own catalog) and
 * picks up new, dropped, disabled and changed vectorizers. Any number of threads and application instances can
 * work on the same database: queue entries are claimed with {@code FOR UPDATE SKIP LOCKED} and pgai's per-key
 * advisory locks, and a batch commits its claim and its embeddings together.
 * <p>
 * This class keeps the lifecycle and the polling; the worker registers and heartbeats with
 * {@link WorkerTracking}, reports to a {@link WorkerMetrics} and logs the progress of long backfills through
 * {@link WorkerReports}, builds HNSW indexes once they are due with {@link IndexBuilds}, and records configs it
 * cannot process with {@link ConfigurationErrors}. It tells its {@link WorkerListener}s of each drained backlog
 * and, when given a registry, makes each batch a {@code pgai.worker.batch} observation ({@link BatchObservations});
 * {@link #status()} tells what it is doing. {@link #stop()} lets running batches finish. The worker threads are not
 * daemon threads, so an application that only runs the worker stays up while it works.
 */
public final class VectorizerWorker {

	private static final Log logger = LogFactory.getLog(VectorizerWorker.class);

	private final DataSource dataSource;

	private final VectorizerCatalog catalog;

	private final WorkerSettings settings;

	private final WorkerMetrics metrics;

	private final WorkerTracking tracking = new WorkerTracking();

	private final BatchProcessor processor;

	private final WorkerReports reports;

	private final ConfigurationErrors configurationErrors;

	private final MigrationSwitches migrationSwitches;

	private final Set<String> reportedMissingNames = ConcurrentHashMap.newKeySet();

	private final Object lifecycleMonitor = new Object();

	private final List<WorkerListener> listeners = new CopyOnWriteArrayList<>();

	private final BatchObservations observations = new BatchObservations();

	private final AtomicInteger failedBatchesInARow = new AtomicInteger();

	private volatile @Nullable String lastBatchError;

	private volatile @Nullable Instant lastBatchErrorAt;

	private volatile boolean running;

	private volatile boolean databaseReachable = true;

	private IndexBuilds indexBuilds;

	private VectorizerScheduler scheduler;

	private ScheduledExecutorService housekeeping;

	private volatile QueueListener listener;

	private final AtomicBoolean pollRequested = new AtomicBoolean();

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
		this.reports = new WorkerReports(metrics, new QueueDepths(new VectorizerQueues(dataSource)));
		this.configurationErrors = new ConfigurationErrors(dataSource, this.tracking, settings.maxRetryBackoff());
		this.migrationSwitches = new MigrationSwitches(new VectorizerMigrations(dataSource), this::migrationSwitched);
	}

	/** Starts the worker threads and the poller. Does nothing if already running. */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.scheduler = new VectorizerScheduler(this.settings.threads());
			this.indexBuilds = IndexBuilds.inBackground(this.dataSource);
			IndexBuilds builds = this.indexBuilds;
			this.housekeeping = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "pgai-worker-poller");
				thread.setDaemon(true);
				return thread;
			});
			long poll = this.settings.pollInterval().toMillis();
			this.housekeeping.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
			long heartbeat = this.settings.heartbeatInterval().toMillis();
			this.housekeeping.scheduleAtFixedRate(() -> this.tracking.heartbeat(this.dataSource), heartbeat, heartbeat,
					TimeUnit.MILLISECONDS);
			long report = this.settings.progressLogInterval().toMillis();
			this.housekeeping.scheduleAtFixedRate(() -> {
				this.reports.report(this::selectedVectorizers, builds);
				this.migrationSwitches.report();
			}, report, report, TimeUnit.MILLISECONDS);
			VectorizerScheduler wakes = this.scheduler;
			this.listener = new QueueListener(this.dataSource, (queue) -> {
				if (!wakes.activateQueue(queue)) {
					requestPoll();
				}
			}, (id) -> {
				if (!wakes.activate(id)) {
					requestPoll();
				}
			}, this::requestPoll, min(this.settings.pollInterval(), Duration.ofSeconds(1)));
			List<Thread> started = new ArrayList<>();
			BatchLoop.Outcomes outcomes = outcomes(builds);
			for (int i = 1; i <= this.settings.threads(); i++) {
				String name = "pgai-worker-" + i;
				Thread thread = new Thread(new BatchLoop(name, this.scheduler, this.processor, this.settings, outcomes,
						() -> this.running, this.observations), name);
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
			this.listener.close();
			this.indexBuilds.close();
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
		this.tracking.heartbeat(this.dataSource);
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
	public void setObservationRegistry(ObservationRegistry registry, @Nullable BatchObservationConvention convention) {
		this.observations.use(registry, convention);
	}

	/** What the worker is doing: heartbeat, failing batches, backlogs being worked off. */
	public WorkerStatus status() {
		return new WorkerStatus(this.running, this.tracking.workerId(), this.tracking.lastHeartbeat(),
				this.settings.heartbeatInterval(), this.databaseReachable, this.failedBatchesInARow.get(),
				this.lastBatchError, this.lastBatchErrorAt, this.reports.backlogs());
	}

	/** Whether the worker listens for queued rows (it is running and its listening connection works). */
	boolean isListening() {
		QueueListener current = this.listener;
		return this.running && current != null && current.isListening();
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
		try (IndexBuilds builds = IndexBuilds.inCallingThread(this.dataSource)) {
			BatchLoop.Outcomes outcomes = outcomes(builds);
			for (Vectorizer vectorizer : selectedVectorizers()) {
				BatchResult result;
				do {
					result = this.observations.observe(vectorizer, () -> this.processor.process(vectorizer));
					outcomes.committed(vectorizer, result);
					embedded += result.embeddedRows();
				}
				while (result.claimedWork());
			}
		}
		this.migrationSwitches.switchCaughtUp();
		this.tracking.heartbeat(this.dataSource);
		return embedded;
	}

	/** Reports committed batches (building indexes when a queue ran empty), rollbacks and unusable configs. */
	private BatchLoop.Outcomes outcomes(IndexBuilds builds) {
		return new BatchLoop.Outcomes() {

			@Override
			public void committed(Vectorizer vectorizer, BatchResult result) {
				VectorizerWorker.this.failedBatchesInARow.set(0);
				VectorizerWorker.this.reports.batchCompleted(vectorizer, result);
				if (result.status() == BatchResult.Status.EMPTY) {
					ProgressReporter.Drained drained = VectorizerWorker.this.reports.caughtUp(vectorizer);
					builds.queueEmptied(vectorizer, (drained != null) ? drained.rows() : 0);
					if (drained != null) {
						caughtUp(vectorizer, drained);
					}
					if (VectorizerWorker.this.migrationSwitches.isTarget(vectorizer.id())) {
						requestPoll();
					}
				}
			}

			@Override
			public void rolledBack(Vectorizer vectorizer, RuntimeException cause) {
				logger.warn(vectorizer + ": batch failed and was rolled back; its rows stay queued: "
						+ cause.getMessage(), logger.isDebugEnabled() ? cause : null);
				VectorizerWorker.this.tracking.count(0, cause.getMessage());
				VectorizerWorker.this.lastBatchError = cause.getMessage();
				VectorizerWorker.this.lastBatchErrorAt = Instant.now();
				VectorizerWorker.this.failedBatchesInARow.incrementAndGet();
			}

			@Override
			public void unprocessable(Vectorizer vectorizer, VectorizerConfigurationException cause) {
				VectorizerWorker.this.configurationErrors.report(vectorizer, cause);
			}

		};
	}

	private void caughtUp(Vectorizer vectorizer, ProgressReporter.Drained drained) {
		for (WorkerListener listener : this.listeners) {
			try {
				listener.caughtUp(vectorizer, drained.rows(), drained.chunks(), drained.elapsed());
			}
			catch (RuntimeException ex) {
				logger.warn(listener + " failed on " + vectorizer + " caught up: " + ex.getMessage(), ex);
			}
		}
	}

	private void migrationSwitched(String vectorizer) {
		for (WorkerListener listener : this.listeners) {
			try {
				listener.migrationSwitched(vectorizer);
			}
			catch (RuntimeException ex) {
				logger.warn(listener + " failed on the switch of vectorizer '" + vectorizer + "': " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Polls as soon as the poller is free (at most one extra poll waits): for a notification about a queue
	 * the scheduler does not know yet, and after the listener reconnected.
	 */
	private void requestPoll() {
		ScheduledExecutorService poller = this.housekeeping;
		if (this.running && this.pollRequested.compareAndSet(false, true)) {
			try {
				poller.execute(() -> {
					this.pollRequested.set(false);
					poll();
				});
			}
			catch (RejectedExecutionException ex) {
				this.pollRequested.set(false);
			}
		}
	}

	private void poll() {
		try {
			register();
			this.migrationSwitches.switchCaughtUp();
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

	private void register() {
		this.tracking.registerOnce(this.dataSource, version(), this.settings.heartbeatInterval());
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

	/** The vectorizers named in the settings (all if none is), with the targets of their migrations. */
	private List<Vectorizer> selectedVectorizers() {
		List<Vectorizer> all = this.catalog.findAll();
		Set<String> named = this.settings.vectorizerNames();
		Set<String> names = new HashSet<>(named);
		names.addAll(this.migrationSwitches.targetsOf(named));
		for (String name : named) {
			if (all.stream().noneMatch((vectorizer) -> vectorizer.name().equals(name))
					&& this.reportedMissingNames.add(name)) {
				logger.warn("No vectorizer named '" + name + "' in ai.vectorizer; check the worker's vectorizer names");
			}
		}
		return all.stream()
			.filter((vectorizer) -> !vectorizer.disabled())
			.filter((vectorizer) -> named.isEmpty() || names.contains(vectorizer.name()))
			.toList();
	}

	private static Duration min(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	private static String version() {
		String version = VectorizerWorker.class.getPackage().getImplementationVersion();
		return "pgai-spring-boot " + ((version != null) ? version : "dev");
	}

}
