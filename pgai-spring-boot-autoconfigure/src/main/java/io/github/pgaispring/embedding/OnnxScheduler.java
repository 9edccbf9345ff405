package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Runs the in-process ONNX models for every {@link OnnxEmbedder} that shares it: one bounded pool for document
 * embedding (the worker's batches) and query embedding (repository searches), shared fairly, that stops handing
 * work to the models when it is closed.
 * <ul>
 * <li><b>Bounded</b>: at most {@link #threads()} model runs at once, each on one of the scheduler's threads
 * ({@code pgai-onnx-N}) with a single-threaded ONNX session, so the thread count is the CPU the models use however
 * many threads call them. Callers (worker threads, web request threads) wait without using CPU.</li>
 * <li><b>Weighted fair</b>: when both workloads have texts waiting, the next free thread takes the one that is
 * furthest below its share of the model's time: documents get {@link #documentShare()} of it (by default
 * {@value #DEFAULT_DOCUMENT_SHARE}), queries the rest, measured in real run time, so a short query text and a long
 * chunk are charged what they cost. A workload that was idle starts level with the other instead of with credit: a
 * query arriving during a backfill runs as soon as a thread is free (texts are embedded one per run, a few
 * milliseconds each), while a stream of searches cannot take more than its share from the backfill, nor a backfill
 * from the searches. A search also spends CPU outside the model, in its statement (the database's distance
 * computations, reading the rows), often several times its model run: a scheduler created with
 * {@code chargeSearchStatements} also {@linkplain #charge charges} searches run in a {@link SearchScope} (as
 * repository search methods do) that time, so the shares are of the machine as far as the JVM can see it, not of
 * the model alone; by default only model time is charged.</li>
 * <li><b>Reserved for searches</b>: a scheduler created with {@code reservedQueryThreads} keeps that many threads
 * free of document runs while searches are being served (a query waiting or running, or one submitted in the last
 * {@link #RESERVATION_LINGER}), so that a query arriving during a backfill starts at once instead of waiting for
 * a chunk's run to end; documents use every thread again once the searches stop. By default none is reserved.</li>
 * <li><b>Closable</b>: {@link #close()} refuses new texts, lets the texts already handed over finish within the
 * shutdown timeout and fails the rest, so no ONNX session runs when the JVM exits (see
 * {@link OnnxRuntimeEnvironment} for why that matters).</li>
 * </ul>
 * The threads are daemon threads, started on demand and ended after a minute without work.
 */
public final class OnnxScheduler implements AutoCloseable {

	/** How long {@link #close()} waits for handed-over texts by default. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(OnnxScheduler.class);

	/**
	 * The documents' share when both workloads wait, unless configured: an equal split of the model's time and
	 * the searches' statements (see {@link SearchScope}).
	 */
	public static final double DEFAULT_DOCUMENT_SHARE = 0.5;

	/**
	 * How long after a query was submitted its reserved threads stay free of document runs: long enough to
	 * cover the gaps between the searches of a steady stream, short enough that one search does not halve a
	 * backfill for long.
	 */
	public static final Duration RESERVATION_LINGER = Duration.ofMillis(200);

	/** What one run is assumed to cost before a workload has measured runs of its own. */
	private static final long INITIAL_ESTIMATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final int threads;

	private final Duration shutdownTimeout;

	private final ThreadPoolExecutor executor;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition finished = this.lock.newCondition();

	private final double documentShare;

	private final boolean chargeSearchStatements;

	private final int reservedQueryThreads;

	private final long lingerNanos;

	private final Lane documents;

	private final Lane queries;

	private int running;

	/** Document texts whose {@link #runNext} returned without a thread because of the reservation. */
	private int deferred;

	/** When the last query was submitted ({@link System#nanoTime()}), at first one linger before creation. */
	private long lastQueryNanos;

	private boolean closed;

	/**
	 * Creates a scheduler that gives documents {@value #DEFAULT_DOCUMENT_SHARE} of the model's time under load and
	 * waits up to {@link #DEFAULT_SHUTDOWN_TIMEOUT} when closed.
	 * @param threads the most model runs at once, usually the number of cores
	 */
	public OnnxScheduler(int threads) {
		this(threads, DEFAULT_DOCUMENT_SHARE, DEFAULT_SHUTDOWN_TIMEOUT);
	}

	/**
	 * Creates a scheduler that waits up to {@link #DEFAULT_SHUTDOWN_TIMEOUT} when closed.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param documentShare the documents' share of the model's time while queries also wait, above 0 and below 1
	 */
	public OnnxScheduler(int threads, double documentShare) {
		this(threads, documentShare, DEFAULT_SHUTDOWN_TIMEOUT);
	}

	/**
	 * Creates a scheduler that gives documents {@value #DEFAULT_DOCUMENT_SHARE} of the model's time under load.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param shutdownTimeout how long {@link #close()} waits for the texts handed over before it
	 */
	public OnnxScheduler(int threads, Duration shutdownTimeout) {
		this(threads, DEFAULT_DOCUMENT_SHARE, shutdownTimeout);
	}

	/**
	 * Creates a scheduler that does not charge searches for their statements.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param documentShare the documents' share of the model's time while queries also wait, above 0 and below 1
	 * @param shutdownTimeout how long {@link #close()} waits for the texts handed over before it
	 */
	public OnnxScheduler(int threads, double documentShare, Duration shutdownTimeout) {
		this(threads, documentShare, shutdownTimeout, false);
	}

	/**
	 * Creates a scheduler.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param documentShare the documents' share of the model's time while queries also wait, above 0 and below 1
	 * @param shutdownTimeout how long {@link #close()} waits for the texts handed over before it
	 * @param chargeSearchStatements whether searches run in a {@link SearchScope} are also charged, to the queries'
	 * share, for their time outside the model (their statements); see {@link #charge}
	 */
	public OnnxScheduler(int threads, double documentShare, Duration shutdownTimeout, boolean chargeSearchStatements) {
		this(threads, documentShare, shutdownTimeout, chargeSearchStatements, 0);
	}

	/**
	 * Creates a scheduler that keeps threads free for searches while they are being served.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param documentShare the documents' share of the model's time while queries also wait, above 0 and below 1
	 * @param shutdownTimeout how long {@link #close()} waits for the texts handed over before it
	 * @param chargeSearchStatements whether searches run in a {@link SearchScope} are also charged, to the queries'
	 * share, for their time outside the model (their statements); see {@link #charge}
	 * @param reservedQueryThreads the threads no document run may take while searches are being served, from 0 to
	 * {@code threads - 1}
	 */
	public OnnxScheduler(int threads, double documentShare, Duration shutdownTimeout, boolean chargeSearchStatements,
			int reservedQueryThreads) {
		this(threads, documentShare, shutdownTimeout, chargeSearchStatements, reservedQueryThreads,
				RESERVATION_LINGER);
	}

	OnnxScheduler(int threads, double documentShare, Duration shutdownTimeout, boolean chargeSearchStatements,
			int reservedQueryThreads, Duration linger) {
		Assert.isTrue(threads >= 1, () -> "threads must be at least 1 but was " + threads);
		Assert.isTrue(reservedQueryThreads >= 0 && reservedQueryThreads < threads,
				() -> "reservedQueryThreads must be from 0 to threads - 1 (" + (threads - 1) + ") but was "
						+ reservedQueryThreads);
		Assert.isTrue(documentShare > 0 && documentShare < 1,
				() -> "documentShare must be above 0 and below 1 but was " + documentShare);
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"shutdownTimeout must not be negative");
		this.threads = threads;
		this.documentShare = documentShare;
		this.chargeSearchStatements = chargeSearchStatements;
		this.reservedQueryThreads = reservedQueryThreads;
		this.lingerNanos = linger.toNanos();
		this.lastQueryNanos = System.nanoTime() - this.lingerNanos;
		this.documents = new Lane(documentShare);
		this.queries = new Lane(1 - documentShare);
		this.shutdownTimeout = shutdownTimeout;
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "pgai-onnx-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Closes this scheduler when the JVM shuts down, for schedulers no application context closes.
	 * @return this scheduler
	 */
	public OnnxScheduler closeOnJvmShutdown() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "pgai-onnx-shutdown"));
		return this;
	}

	/**
	 * Returns the most model runs at once.
	 * @return the thread count
	 */
	public int threads() {
		return this.threads;
	}

	/**
	 * Returns the documents' share of the model's time while both workloads have texts waiting.
	 * @return the share, above 0 and below 1
	 */
	public double documentShare() {
		return this.documentShare;
	}

	/**
	 * Returns whether searches in a {@link SearchScope} are charged for their time outside the model.
	 * @return whether {@link #charge} charges
	 */
	public boolean chargesSearchStatements() {
		return this.chargeSearchStatements;
	}

	/**
	 * Returns the threads kept free of document runs while searches are being served.
	 * @return from 0 to {@link #threads()} - 1
	 */
	public int reservedQueryThreads() {
		return this.reservedQueryThreads;
	}

	/**
	 * Returns the texts embedded so far and the model time they took, per workload.
	 * @return a snapshot of the counters
	 */
	public Usage usage() {
		this.lock.lock();
		try {
			return new Usage(this.documents.texts, Duration.ofNanos(this.documents.nanos), this.queries.texts,
					Duration.ofNanos(this.queries.nanos), Duration.ofNanos(this.queries.outsideNanos));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs one task of a workload on a scheduler thread and waits for it.
	 * @param <T> the result type
	 * @param workload the workload the task belongs to
	 * @param task the model run
	 * @return its result
	 * @throws EmbedderClosedException if the scheduler is closed
	 * @throws EmbeddingException if the caller is interrupted while waiting (its interrupt flag is set again)
	 */
	<T> T invoke(Workload workload, Callable<T> task) {
		return invokeAll(workload, List.of(task)).get(0);
	}

	/**
	 * Runs tasks of a workload on the scheduler's threads, in parallel, and waits for all of them. When one
	 * fails, or the caller is interrupted, the tasks that have not started are cancelled. Queries run in a
	 * {@link SearchScope} tell it how long they took here, so that the search's time outside is charged.
	 * @param <T> the result type
	 * @param workload the workload the tasks belong to
	 * @param tasks the model runs
	 * @return their results, in task order
	 * @throws EmbedderClosedException if the scheduler is closed
	 * @throws EmbeddingException if the caller is interrupted while waiting (its interrupt flag is set again)
	 */
	<T> List<T> invokeAll(Workload workload, List<? extends Callable<T>> tasks) {
		long started = System.nanoTime();
		try {
			return runAll(workload, tasks);
		}
		finally {
			if (workload == Workload.QUERIES) {
				SearchScope.embedded(this, System.nanoTime() - started);
			}
		}
	}

	private <T> List<T> runAll(Workload workload, List<? extends Callable<T>> tasks) {
		List<Run<T>> runs = new ArrayList<>(tasks.size());
		tasks.forEach((task) -> runs.add(new Run<>(task)));
		submit(lane(workload), runs);
		List<T> results = new ArrayList<>(runs.size());
		try {
			for (Run<T> run : runs) {
				results.add(run.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			runs.forEach((run) -> run.cancel(false));
			Thread.currentThread().interrupt();
			throw new EmbeddingException("Interrupted while waiting for the in-process model", ex);
		}
		catch (ExecutionException ex) {
			runs.forEach((run) -> run.cancel(false));
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new EmbeddingException(String.valueOf(cause.getMessage()), cause);
		}
	}

	/**
	 * Charges a workload for time its callers spent outside the model on what they embedded for, as if the model
	 * had run that long for it: a search's statement (see {@link SearchScope}), so that the share is of the machine
	 * and not of the model alone. It only matters while both workloads wait: the charge moves the lane further
	 * from its share, so the other lane's texts run first until it is level again. Only a scheduler created with
	 * {@code chargeSearchStatements} charges; the others ignore the call. The charge is wall-clock time, which grows
	 * when the machine is busy: searches that arrive independently of their answers (web requests) then wait for
	 * the model behind the documents while their statements are slowed by the same load, so it suits searches that
	 * run back to back (batch jobs) that should not starve a backfill.
	 * @param workload the workload to charge
	 * @param nanos the time, in nanoseconds; nothing is charged unless positive
	 */
	void charge(Workload workload, long nanos) {
		if (nanos <= 0 || !this.chargeSearchStatements) {
			return;
		}
		this.lock.lock();
		try {
			lane(workload).charge(nanos);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stops handing work to the models: new texts are refused with an {@link EmbedderClosedException}, texts
	 * already handed over are embedded within the shutdown timeout, and those still waiting then fail with an
	 * {@link EmbedderClosedException}. Runs still going after the timeout are abandoned (a native call cannot be
	 * stopped) and logged. Idempotent.
	 */
	@Override
	public void close() {
		int abandoned;
		int rejected;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			long remaining = this.shutdownTimeout.toNanos();
			while ((this.running > 0 || this.documents.waiting() + this.queries.waiting() > 0) && remaining > 0) {
				remaining = this.finished.awaitNanos(remaining);
			}
			rejected = this.documents.rejectWaiting() + this.queries.rejectWaiting();
			abandoned = this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			rejected = this.documents.rejectWaiting() + this.queries.rejectWaiting();
			abandoned = this.running;
		}
		finally {
			this.lock.unlock();
			this.executor.shutdown();
		}
		if (abandoned > 0 || rejected > 0) {
			logger.warn("The in-process ONNX model stopped with " + abandoned + " run(s) still going and " + rejected
					+ " text(s) not embedded after waiting " + this.shutdownTimeout.toMillis() + " ms");
		}
	}

	/** Whether {@link #close()} was called. */
	boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Lane lane(Workload workload) {
		return (workload == Workload.QUERIES) ? this.queries : this.documents;
	}

	private Lane other(Lane lane) {
		return (lane == this.queries) ? this.documents : this.queries;
	}

	private void submit(Lane lane, List<? extends Run<?>> runs) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new EmbedderClosedException("The in-process ONNX model is stopped because the application is"
						+ " shutting down; nothing was embedded");
			}
			lane.activate(other(lane));
			if (lane == this.queries) {
				this.lastQueryNanos = System.nanoTime();
			}
			for (Run<?> run : runs) {
				lane.queue.add(run);
				this.executor.execute(this::runNext);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Runs the next waiting text of the lane whose turn it is; one call per text handed over. */
	private void runNext() {
		Lane lane;
		Run<?> run;
		long charge;
		this.lock.lock();
		try {
			lane = nextLane();
			if (lane == null) {
				if (!this.documents.queue.isEmpty()) {
					this.deferred++;
				}
				return;
			}
			run = lane.queue.poll();
			if (run.isDone()) {
				return;
			}
			charge = lane.start();
			this.running++;
		}
		finally {
			this.lock.unlock();
		}
		long started = System.nanoTime();
		run.beforeCompletion = () -> finished(lane, charge, System.nanoTime() - started);
		try {
			run.run();
		}
		finally {
			run.accountIfNotYet();
		}
	}

	/** Books a finished run, before its caller sees the result, so that {@link #usage()} includes it. */
	private void finished(Lane lane, long charge, long nanos) {
		this.lock.lock();
		try {
			this.running--;
			lane.finish(charge, nanos);
			resumeDeferred();
			this.finished.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Hands deferred document texts back to the executor as far as the reservation now lets them start. Deferral
	 * happens only while a document runs, so the end of that run always comes here and no text is stranded.
	 */
	private void resumeDeferred() {
		if (this.documents.queue.isEmpty()) {
			this.deferred = 0;
			return;
		}
		int startable = Math.min(this.deferred, documentThreads() - this.documents.running);
		for (int i = 0; i < startable; i++) {
			this.deferred--;
			this.executor.execute(this::runNext);
		}
	}

	/** The threads documents may run on now: all but the reserved ones while searches are being served. */
	private int documentThreads() {
		if (this.reservedQueryThreads == 0) {
			return this.threads;
		}
		boolean searching = !this.queries.queue.isEmpty() || this.queries.running > 0
				|| System.nanoTime() - this.lastQueryNanos < this.lingerNanos;
		return searching ? this.threads - this.reservedQueryThreads : this.threads;
	}

	/**
	 * The lane with waiting texts that is further below its share of the model's time, queries on a tie; documents
	 * only while they are below the threads {@link #documentThreads() they may use}.
	 */
	private @Nullable Lane nextLane() {
		boolean queriesWait = !this.queries.queue.isEmpty();
		boolean documentsWait = !this.documents.queue.isEmpty()
				&& this.documents.running < documentThreads();
		if (queriesWait && documentsWait) {
			return (this.queries.virtualNanos <= this.documents.virtualNanos) ? this.queries : this.documents;
		}
		return queriesWait ? this.queries : (documentsWait ? this.documents : null);
	}

	/** A text handed over to the model. */
	private static final class Run<T> extends FutureTask<T> {

		/** Books the run on a scheduler thread; set before it runs, cleared once done. */
		@Nullable Runnable beforeCompletion;

		Run(Callable<T> task) {
			super(task);
		}

		@Override
		protected void set(T value) {
			accountIfNotYet();
			super.set(value);
		}

		@Override
		protected void setException(Throwable failure) {
			accountIfNotYet();
			super.setException(failure);
		}

		void accountIfNotYet() {
			Runnable accounting = this.beforeCompletion;
			this.beforeCompletion = null;
			if (accounting != null) {
				accounting.run();
			}
		}

		void reject(Throwable failure) {
			setException(failure);
		}

	}

	/** The workloads the scheduler shares its threads between. */
	enum Workload {

		/** Texts to store: the worker's batches. */
		DOCUMENTS,

		/** Search texts: repository queries. */
		QUERIES

	}

	/**
	 * Texts embedded and model time spent, per workload, since the scheduler was created.
	 * @param documentTexts document texts (the worker's chunks) embedded
	 * @param documentTime model time spent on them
	 * @param queryTexts search queries embedded
	 * @param queryTime model time spent on them
	 * @param searchTime time the searches spent outside the model (their statements), charged to the queries
	 */
	public record Usage(long documentTexts, Duration documentTime, long queryTexts, Duration queryTime,
			Duration searchTime) {

		/**
		 * The usage since an earlier snapshot.
		 * @param earlier the earlier snapshot
		 * @return the difference
		 */
		public Usage since(Usage earlier) {
			return plus(new Usage(-earlier.documentTexts, earlier.documentTime.negated(), -earlier.queryTexts,
					earlier.queryTime.negated(), earlier.searchTime.negated()));
		}

		/**
		 * The sum of this usage and another one.
		 * @param other the other usage
		 * @return the sum
		 */
		public Usage plus(Usage other) {
			return new Usage(this.documentTexts + other.documentTexts, this.documentTime.plus(other.documentTime),
					this.queryTexts + other.queryTexts, this.queryTime.plus(other.queryTime),
					this.searchTime.plus(other.searchTime));
		}

		/**
		 * The documents' part of the time charged to both workloads (model time, and the searches' time outside
		 * it), 0 when nothing was charged.
		 * @return the share, from 0 to 1
		 */
		public double chargedDocumentShare() {
			long total = this.documentTime.toNanos() + this.queryTime.toNanos() + this.searchTime.toNanos();
			return (total > 0) ? (double) this.documentTime.toNanos() / total : 0;
		}

		/**
		 * The documents' part of the model time, 0 when the model did not run.
		 * @return the share, from 0 to 1
		 */
		public double documentShare() {
			long total = this.documentTime.toNanos() + this.queryTime.toNanos();
			return (total > 0) ? (double) this.documentTime.toNanos() / total : 0;
		}

	}

	/**
	 * One workload's waiting texts and the model time spent on it (guarded by the scheduler's lock). Its virtual
	 * time is its model time divided by its share; the lane with less virtual time is the one further below its
	 * share.
	 */
	private static final class Lane {

		final ArrayDeque<Run<?>> queue = new ArrayDeque<>();

		final double share;

		/** Model time spent on this workload divided by its share, including the estimates of running texts. */
		double virtualNanos;

		long estimateNanos = INITIAL_ESTIMATE_NANOS;

		int running;

		long texts;

		long nanos;

		/** Time charged for work outside the model (see {@link OnnxScheduler#charge}). */
		long outsideNanos;

		Lane(double share) {
			this.share = share;
		}

		/**
		 * Called when texts arrive: an idle lane catches up with the other one's virtual time, so time it did not
		 * use while idle is no credit against the other.
		 */
		void activate(Lane other) {
			boolean idle = this.queue.isEmpty() && this.running == 0;
			boolean otherBusy = !other.queue.isEmpty() || other.running > 0;
			if (idle && otherBusy && this.virtualNanos < other.virtualNanos) {
				this.virtualNanos = other.virtualNanos;
			}
		}

		/** Charges a starting run's estimated time; returns the charge. */
		long start() {
			this.running++;
			this.virtualNanos += this.estimateNanos / this.share;
			return this.estimateNanos;
		}

		/** Replaces a finished run's charge with its real time. */
		void finish(long charge, long nanos) {
			this.running--;
			this.texts++;
			this.nanos += nanos;
			this.virtualNanos += (nanos - charge) / this.share;
			this.estimateNanos = (4 * this.estimateNanos + nanos) / 5;
		}

		void charge(long nanos) {
			this.outsideNanos += nanos;
			this.virtualNanos += nanos / this.share;
		}

		int waiting() {
			return (int) this.queue.stream().filter((run) -> !run.isDone()).count();
		}

		int rejectWaiting() {
			int rejected = 0;
			for (Run<?> run : this.queue) {
				if (!run.isDone()) {
					run.reject(new EmbedderClosedException("The in-process ONNX model stopped before embedding"
							+ " this text because the application is shutting down"));
					rejected++;
				}
			}
			this.queue.clear();
			return rejected;
		}

	}

}
