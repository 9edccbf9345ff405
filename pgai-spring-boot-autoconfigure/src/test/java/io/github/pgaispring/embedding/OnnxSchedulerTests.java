package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.pgaispring.embedding.OnnxScheduler.Workload;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.pgaispring.embedding.QueryProbes.sleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link OnnxScheduler} with tasks that stand in for model runs (they sleep, so the shared CPU does not
 * matter).
 */
class OnnxSchedulerTests {

	@Test
	void runsAtMostItsThreadCountAtOnceOnItsOwnThreads() {
		try (OnnxScheduler scheduler = new OnnxScheduler(2)) {
			AtomicInteger running = new AtomicInteger();
			AtomicInteger mostAtOnce = new AtomicInteger();
			Set<String> threads = ConcurrentHashMap.newKeySet();
			List<Callable<String>> tasks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String name = "text " + i;
				tasks.add(() -> {
					mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
					threads.add(Thread.currentThread().getName());
					Thread.sleep(30);
					running.decrementAndGet();
					return name;
				});
			}

			List<String> results = scheduler.invokeAll(Workload.DOCUMENTS, tasks);

			assertThat(results).containsExactly("text 0", "text 1", "text 2", "text 3", "text 4", "text 5", "text 6",
					"text 7");
			assertThat(mostAtOnce).hasValue(2);
			assertThat(threads).allSatisfy((thread) -> assertThat(thread).startsWith("pgai-onnx-")).hasSize(2);
		}
	}

	@Test
	void aQueryArrivingDuringABackfillWaitsForOneRunNotForTheBacklog() throws Exception {
		try (OnnxScheduler scheduler = new OnnxScheduler(1)) {
			List<Callable<Integer>> backlog = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				backlog.add(sleeping(25));
			}
			CompletableFuture<List<Integer>> batch = CompletableFuture
				.supplyAsync(() -> scheduler.invokeAll(Workload.DOCUMENTS, backlog));
			Thread.sleep(100);
			List<Long> waits = QueryProbes.latencies(scheduler, 5, 0);

			assertThat(batch).as("the backlog is still running").isNotDone();
			assertThat(Collections.max(waits)).as("query latencies %s ms, runs of 25 ms queued for 1 s", waits)
				.isLessThan(250);
			assertThat(batch.get(30, TimeUnit.SECONDS)).hasSize(40);
		}
	}

	@Test
	void aStreamOfQueriesLeavesTheBackfillItsShareOfTheThreads() throws Exception {
		ExecutorService searchThreads = Executors.newFixedThreadPool(6);
		try (OnnxScheduler scheduler = new OnnxScheduler(2)) {
			AtomicBoolean searching = new AtomicBoolean(true);
			AtomicInteger queries = new AtomicInteger();
			List<CompletableFuture<Void>> searchers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				searchers.add(CompletableFuture.runAsync(() -> {
					while (searching.get()) {
						scheduler.invoke(Workload.QUERIES, sleeping(10));
						queries.incrementAndGet();
					}
				}, searchThreads));
			}
			Thread.sleep(100);
			List<Callable<Integer>> backlog = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				backlog.add(sleeping(10));
			}
			long started = System.nanoTime();
			scheduler.invokeAll(Workload.DOCUMENTS, backlog);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			searching.set(false);
			CompletableFuture.allOf(searchers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

			// alone: 60 runs of 10 ms on 2 threads take 300 ms; with half of the threads, 600 ms
			assertThat(millis).as("backfill with 6 searchers").isLessThan(1500);
			assertThat(queries.get()).as("queries answered meanwhile").isGreaterThan(20);
		}
		finally {
			searchThreads.shutdownNow();
		}
	}

	/**
	 * Both workloads saturate the scheduler: two worker threads hand over batch after batch, eight searchers query
	 * back to back (queries a quarter as long as chunks, as with short search texts). While both have texts
	 * waiting, the model time each gets, measured by the tasks themselves, is its share, whatever the run lengths.
	 */
	@ParameterizedTest
	@ValueSource(doubles = { 0.5, 0.8 })
	void underSaturatingLoadOfBothWorkloadsEachGetsItsShareOfTheModelTime(double documentShare) throws Exception {
		List<TimedRun> runs = Collections.synchronizedList(new ArrayList<>());
		saturate(documentShare, runs, (scheduler) -> scheduler.invoke(Workload.QUERIES, timed(Workload.QUERIES, 4, runs)));
		List<TimedRun> all = List.copyOf(runs);
		long from = windowStart(all);
		long documents = 0;
		long queries = 0;
		int documentRuns = 0;
		for (TimedRun run : all) {
			long overlap = inWindow(run, from);
			if (run.workload() == Workload.DOCUMENTS) {
				documents += overlap;
				documentRuns += (overlap > 0) ? 1 : 0;
			}
			else {
				queries += overlap;
			}
		}
		double measured = (double) documents / (documents + queries);
		assertThat(documentRuns).as("document runs in the window").isGreaterThan(20);
		assertThat(measured).as("documents' part of the model time with share %s", documentShare)
			.isCloseTo(documentShare, within(0.1));
	}

	/**
	 * As above with share 0.5, but each search also runs a statement three times as long as its model run, outside
	 * the scheduler. In a {@link SearchScope} of a scheduler that charges search statements, the statement is charged
	 * to the queries, so documents get half of the time charged to both (model and statements), measured by the
	 * tasks themselves; without a scope, or with the default scheduler, they get half of the model time only, and far
	 * less of the model and statement time together (a fifth while the searchers keep queries waiting).
	 */
	@ParameterizedTest
	@CsvSource({ "true, true", "false, true", "true, false" })
	void searchesInAScopeAreChargedForTheirStatementsWhenTheSchedulerChargesThem(boolean scoped, boolean charging)
			throws Exception {
		List<TimedRun> runs = Collections.synchronizedList(new ArrayList<>());
		OnnxScheduler scheduled = new OnnxScheduler(2, 0.5, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, charging);
		assertThat(scheduled.chargesSearchStatements()).isEqualTo(charging);
		OnnxScheduler.Usage usage = saturate(scheduled, runs, (scheduler) -> {
			Supplier<Integer> search = () -> {
				scheduler.invoke(Workload.QUERIES, timed(Workload.QUERIES, 4, runs));
				return call(timed(null, 12, runs));
			};
			if (scoped) {
				SearchScope.run(search);
			}
			else {
				search.get();
			}
		});
		List<TimedRun> all = List.copyOf(runs);
		long from = windowStart(all);
		long documents = 0;
		long charged = 0;
		for (TimedRun run : all) {
			long overlap = inWindow(run, from);
			charged += overlap;
			documents += (run.workload() == Workload.DOCUMENTS) ? overlap : 0;
		}
		double measured = (double) documents / charged;
		if (scoped && charging) {
			assertThat(measured).as("documents' part of the model and statement time in scopes")
				.isCloseTo(0.5, within(0.1));
			assertThat(usage.searchTime()).as("time charged for the statements")
				.isGreaterThanOrEqualTo(Duration.ofMillis(12 * usage.queryTexts()));
		}
		else {
			assertThat(measured).as("documents' part of the model and statement time, statements not charged")
				.isLessThan(0.4);
			assertThat(usage.searchTime()).as("time charged").isZero();
		}
	}

	@Test
	void aScopeWithoutInProcessQueriesChargesNothing() {
		try (OnnxScheduler scheduler = new OnnxScheduler(1, 0.5, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, true)) {
			scheduler.invoke(Workload.QUERIES, sleeping(1));

			Integer result = SearchScope.run(() -> call(sleeping(20)));

			assertThat(result).isZero();
			assertThat(scheduler.usage().searchTime()).isZero();
		}
	}

	@Test
	void rejectsAShareOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OnnxScheduler(2, 1.0))
			.withMessageContaining("documentShare must be above 0 and below 1 but was 1.0");
		assertThatIllegalArgumentException().isThrownBy(() -> new OnnxScheduler(2, 0.0));
	}

	@Test
	void countsTextsAndModelTimePerWorkload() {
		try (OnnxScheduler scheduler = new OnnxScheduler(2)) {
			OnnxScheduler.Usage before = scheduler.usage();
			scheduler.invokeAll(Workload.DOCUMENTS, List.of(sleeping(20), sleeping(20), sleeping(20)));
			scheduler.invoke(Workload.QUERIES, sleeping(5));

			OnnxScheduler.Usage usage = scheduler.usage().since(before);
			assertThat(usage.documentTexts()).isEqualTo(3);
			assertThat(usage.queryTexts()).isEqualTo(1);
			assertThat(usage.documentTime()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
			assertThat(usage.queryTime()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
			assertThat(usage.documentShare()).isBetween(0.0, 1.0);
		}
	}

	@Test
	void closeLetsHandedOverTextsFinishThenRefusesNewOnes() throws Exception {
		OnnxScheduler scheduler = new OnnxScheduler(1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger finished = new AtomicInteger();
		List<Callable<Integer>> batch = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			batch.add(() -> {
				started.countDown();
				Thread.sleep(150);
				return finished.incrementAndGet();
			});
		}
		CompletableFuture<List<Integer>> running = CompletableFuture
			.supplyAsync(() -> scheduler.invokeAll(Workload.DOCUMENTS, batch));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		scheduler.close();

		assertThat(finished).as("every text handed over ran before close returned").hasValue(3);
		assertThat(running.get(1, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
		assertThat(scheduler.isClosed()).isTrue();
		assertThatExceptionOfType(EmbedderClosedException.class)
			.isThrownBy(() -> scheduler.invoke(Workload.QUERIES, sleeping(1)))
			.withMessageContaining("shutting down");
	}

	@Test
	void closeGivesUpOnWaitingTextsAfterItsTimeout() throws Exception {
		OnnxScheduler scheduler = new OnnxScheduler(1, Duration.ofMillis(200));
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<Integer>> batch = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			batch.add(() -> {
				started.countDown();
				Thread.sleep(2000);
				return 0;
			});
		}
		CompletableFuture<List<Integer>> running = CompletableFuture
			.supplyAsync(() -> scheduler.invokeAll(Workload.DOCUMENTS, batch));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		long closing = System.nanoTime();

		scheduler.close();

		// neither the running text (2 s) nor the waiting ones: the 200 ms timeout, with room for a loaded machine
		assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofMillis(1500));
		assertThat(running).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(EmbedderClosedException.class)
			.withMessageContaining("stopped before embedding this text");
	}

	@Test
	void anInterruptedCallerCancelsItsWaitingTexts() throws Exception {
		try (OnnxScheduler scheduler = new OnnxScheduler(1)) {
			AtomicInteger ran = new AtomicInteger();
			List<Callable<Integer>> batch = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				batch.add(() -> {
					Thread.sleep(50);
					return ran.incrementAndGet();
				});
			}
			AtomicBoolean interruptFlag = new AtomicBoolean();
			Thread caller = new Thread(() -> {
				try {
					scheduler.invokeAll(Workload.DOCUMENTS, batch);
				}
				catch (EmbeddingException ex) {
					interruptFlag.set(Thread.currentThread().isInterrupted());
				}
			});
			caller.start();
			Thread.sleep(75);
			caller.interrupt();
			caller.join(5000);
			Thread.sleep(200);

			assertThat(interruptFlag).as("the caller's interrupt flag is set again").isTrue();
			assertThat(ran.get()).as("texts that had not started were cancelled").isLessThan(5);
		}
	}

	/**
	 * Saturates a scheduler with both workloads for 1.5 s: eight searchers search back to back, two worker threads
	 * hand over batches of twenty 16 ms chunks.
	 * @return the scheduler's usage at the end
	 */
	private static OnnxScheduler.Usage saturate(double documentShare, List<TimedRun> runs,
			Consumer<OnnxScheduler> search) throws Exception {
		return saturate(new OnnxScheduler(2, documentShare), runs, search);
	}

	private static OnnxScheduler.Usage saturate(OnnxScheduler saturated, List<TimedRun> runs,
			Consumer<OnnxScheduler> search) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(10);
		AtomicBoolean going = new AtomicBoolean(true);
		try (OnnxScheduler scheduler = saturated) {
			List<CompletableFuture<Void>> loads = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				loads.add(CompletableFuture.runAsync(() -> {
					while (going.get()) {
						search.accept(scheduler);
					}
				}, callers));
			}
			for (int i = 0; i < 2; i++) {
				loads.add(CompletableFuture.runAsync(() -> {
					while (going.get()) {
						List<Callable<Integer>> batch = new ArrayList<>();
						for (int text = 0; text < 20; text++) {
							batch.add(timed(Workload.DOCUMENTS, 16, runs));
						}
						scheduler.invokeAll(Workload.DOCUMENTS, batch);
					}
				}, callers));
			}
			Thread.sleep(1500);
			going.set(false);
			CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			return scheduler.usage();
		}
		finally {
			callers.shutdownNow();
		}
	}

	/** The start of the measuring window: from the first second on (both loads running), 300 ms after the first run. */
	private static long windowStart(List<TimedRun> runs) {
		return runs.stream().mapToLong(TimedRun::start).min().orElseThrow() + TimeUnit.MILLISECONDS.toNanos(300);
	}

	/** The part of a run within the 900 ms measuring window that starts at the given time. */
	private static long inWindow(TimedRun run, long from) {
		long to = from + TimeUnit.MILLISECONDS.toNanos(900);
		return Math.max(0, Math.min(run.end(), to) - Math.max(run.start(), from));
	}

	private static Callable<Integer> timed(@Nullable Workload workload, long millis, List<TimedRun> runs) {
		return () -> {
			long start = System.nanoTime();
			Thread.sleep(millis);
			runs.add(new TimedRun(workload, start, System.nanoTime()));
			return 0;
		};
	}

	/** A timed stand-in; the workload is null for a search's statement, which runs outside the scheduler. */
	private record TimedRun(@Nullable Workload workload, long start, long end) {
	}

	private static <T> T call(Callable<T> task) {
		try {
			return task.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
