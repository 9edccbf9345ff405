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

import org.springframework.util.Assert;

/**
 * Runs the in-process ONNX models for every {@link OnnxEmbedder} that shares it: one bounded pool for document
 * embedding (the worker's batches) and query embedding (repository searches), shared fairly, that stops handing
 * work to the models when it is closed.
 * <ul>
 * <li><b>Bounded</b>: at most {@link #threads()} model runs at once, each on one of the scheduler's threads
 * ({@code pgai-onnx-N}) with a single-threaded ONNX session, so the thread count is the CPU the models use however
 * many threads call them. Callers (worker threads, web request threads) wait without using CPU.</li>
 * <li><b>Fair</b>: when both workloads have texts waiting, the next free thread takes the one on which the model
 * has spent less time so far, so queries and documents each get at least half of the model's time under load. A
 * workload that was idle starts level with the other instead of with credit: a query arriving during a backfill
 * runs as soon as a thread is free (texts are embedded one per run, a few milliseconds each), while a stream of
 * searches still leaves the backfill half of the threads.</li>
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

	/** What one run is assumed to cost before a workload has measured runs of its own. */
	private static final long INITIAL_ESTIMATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final int threads;

	private final Duration shutdownTimeout;

	private final ThreadPoolExecutor executor;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition finished = this.lock.newCondition();

	private final Lane documents = new Lane();

	private final Lane queries = new Lane();

	private int running;

	private boolean closed;

	/**
	 * Creates a scheduler that waits up to {@link #DEFAULT_SHUTDOWN_TIMEOUT} when closed.
	 * @param threads the most model runs at once, usually the number of cores
	 */
	public OnnxScheduler(int threads) {
		this(threads, DEFAULT_SHUTDOWN_TIMEOUT);
	}

	/**
	 * Creates a scheduler.
	 * @param threads the most model runs at once, usually the number of cores
	 * @param shutdownTimeout how long {@link #close()} waits for the texts handed over before it
	 */
	public OnnxScheduler(int threads, Duration shutdownTimeout) {
		Assert.isTrue(threads >= 1, () -> "threads must be at least 1 but was " + threads);
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"shutdownTimeout must not be negative");
		this.threads = threads;
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
	 * fails, or the caller is interrupted, the tasks that have not started are cancelled.
	 * @param <T> the result type
	 * @param workload the workload the tasks belong to
	 * @param tasks the model runs
	 * @return their results, in task order
	 * @throws EmbedderClosedException if the scheduler is closed
	 * @throws EmbeddingException if the caller is interrupted while waiting (its interrupt flag is set again)
	 */
	<T> List<T> invokeAll(Workload workload, List<? extends Callable<T>> tasks) {
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
		try {
			run.run();
		}
		finally {
			long nanos = System.nanoTime() - started;
			this.lock.lock();
			try {
				this.running--;
				lane.finish(charge, nanos);
				this.finished.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** The lane with waiting texts on which the model spent less time; queries on a tie. */
	private Lane nextLane() {
		boolean queriesWait = !this.queries.queue.isEmpty();
		boolean documentsWait = !this.documents.queue.isEmpty();
		if (queriesWait && documentsWait) {
			return (this.queries.usedNanos <= this.documents.usedNanos) ? this.queries : this.documents;
		}
		return queriesWait ? this.queries : (documentsWait ? this.documents : null);
	}

	/** A text handed over to the model. */
	private static final class Run<T> extends FutureTask<T> {

		Run(Callable<T> task) {
			super(task);
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

	/** One workload's waiting texts and the model time spent on it (guarded by the scheduler's lock). */
	private static final class Lane {

		final ArrayDeque<Run<?>> queue = new ArrayDeque<>();

		/** Model time spent on this workload, including the estimates of its running texts. */
		long usedNanos;

		long estimateNanos = INITIAL_ESTIMATE_NANOS;

		int running;

		/**
		 * Called when texts arrive: an idle lane catches up with the other one's time, so time it did not
		 * use while idle is no credit against the other.
		 */
		void activate(Lane other) {
			boolean idle = this.queue.isEmpty() && this.running == 0;
			boolean otherBusy = !other.queue.isEmpty() || other.running > 0;
			if (idle && otherBusy && this.usedNanos < other.usedNanos) {
				this.usedNanos = other.usedNanos;
			}
		}

		/** Charges a starting run's estimated time; returns the charge. */
		long start() {
			this.running++;
			this.usedNanos += this.estimateNanos;
			return this.estimateNanos;
		}

		/** Replaces a finished run's charge with its real time. */
		void finish(long charge, long nanos) {
			this.running--;
			this.usedNanos += nanos - charge;
			this.estimateNanos = (4 * this.estimateNanos + nanos) / 5;
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
