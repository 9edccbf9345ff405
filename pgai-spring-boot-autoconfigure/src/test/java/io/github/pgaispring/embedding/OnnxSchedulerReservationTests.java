package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pgaispring.embedding.OnnxScheduler.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.pgaispring.embedding.QueryProbes.sleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OnnxScheduler}'s threads reserved for searches, with tasks that sleep in place of model runs.
 */
class OnnxSchedulerReservationTests {

	private static final Duration LONG_LINGER = Duration.ofSeconds(30);

	@ParameterizedTest
	@CsvSource({ "0, 2", "1, 1" })
	void documentsLeaveTheReservedThreadsFreeAfterAQuery(int reserved, int documentsAtOnce) {
		try (OnnxScheduler scheduler = scheduler(reserved, LONG_LINGER)) {
			scheduler.invoke(Workload.QUERIES, sleeping(1));
			AtomicInteger running = new AtomicInteger();
			AtomicInteger mostAtOnce = new AtomicInteger();

			List<Integer> results = scheduler.invokeAll(Workload.DOCUMENTS, backlog(8, 20, running, mostAtOnce));

			assertThat(results).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
			assertThat(mostAtOnce).hasValue(documentsAtOnce);
			assertThat(scheduler.usage().documentTexts()).isEqualTo(8);
		}
	}

	@Test
	void withoutRecentQueriesDocumentsUseEveryThread() {
		try (OnnxScheduler scheduler = scheduler(1, Duration.ofMillis(50))) {
			AtomicInteger running = new AtomicInteger();
			AtomicInteger mostAtOnce = new AtomicInteger();

			scheduler.invokeAll(Workload.DOCUMENTS, backlog(8, 20, running, mostAtOnce));

			assertThat(mostAtOnce).as("no query was ever submitted").hasValue(2);
		}
	}

	@Test
	void documentsTakeTheReservedThreadsBackOnceTheLingerHasPassed() {
		try (OnnxScheduler scheduler = scheduler(1, Duration.ofMillis(150))) {
			scheduler.invoke(Workload.QUERIES, sleeping(1));
			AtomicInteger running = new AtomicInteger();
			AtomicInteger mostAtOnce = new AtomicInteger();
			long started = System.nanoTime();

			List<Integer> results = scheduler.invokeAll(Workload.DOCUMENTS, backlog(40, 20, running, mostAtOnce));

			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			assertThat(results).hasSize(40);
			assertThat(mostAtOnce).as("two at once after the linger").hasValue(2);
			// one thread for 150 ms (7 runs), then two: about 150 + 33 × 10 ms; on one thread throughout, 800 ms
			assertThat(millis).isLessThan(750);
		}
	}

	@Test
	void aQueryDuringAReservedBackfillStartsWithoutWaitingForAChunk() throws Exception {
		try (OnnxScheduler scheduler = scheduler(1, LONG_LINGER)) {
			scheduler.invoke(Workload.QUERIES, sleeping(1));
			AtomicInteger running = new AtomicInteger();
			CompletableFuture<List<Integer>> batch = CompletableFuture.supplyAsync(
					() -> scheduler.invokeAll(Workload.DOCUMENTS, backlog(12, 250, running, new AtomicInteger())));
			Thread.sleep(100);
			List<Long> waits = QueryProbes.latencies(scheduler, 5, 37);

			assertThat(batch).as("the backlog is still running").isNotDone();
			assertThat(Collections.max(waits)).as("query latencies %s ms beside runs of 250 ms", waits)
				.isLessThan(120);
			assertThat(batch.get(30, TimeUnit.SECONDS)).hasSize(12);
		}
	}

	@Test
	void closeEmbedsTheDeferredDocumentsBeforeItReturns() throws Exception {
		OnnxScheduler scheduler = scheduler(1, LONG_LINGER);
		scheduler.invoke(Workload.QUERIES, sleeping(1));
		AtomicInteger running = new AtomicInteger();
		CompletableFuture<List<Integer>> batch = CompletableFuture.supplyAsync(
				() -> scheduler.invokeAll(Workload.DOCUMENTS, backlog(6, 30, running, new AtomicInteger())));
		Thread.sleep(50);

		scheduler.close();

		assertThat(scheduler.usage().documentTexts()).as("close returns once the handed-over texts are embedded")
			.isEqualTo(6);
		assertThat(batch.get(5, TimeUnit.SECONDS)).containsExactly(0, 1, 2, 3, 4, 5);
	}

	@Test
	void rejectsReservingEveryThread() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnnxScheduler(2, 0.5, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, false, 2))
			.withMessageContaining("reservedQueryThreads must be from 0 to threads - 1 (1) but was 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnnxScheduler(1, 0.5, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, false, 1));
	}

	private static OnnxScheduler scheduler(int reserved, Duration linger) {
		return new OnnxScheduler(2, OnnxScheduler.DEFAULT_DOCUMENT_SHARE, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, false,
				reserved, linger);
	}

	private static List<Callable<Integer>> backlog(int texts, long millis, AtomicInteger running,
			AtomicInteger mostAtOnce) {
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < texts; i++) {
			int index = i;
			tasks.add(() -> {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					sleeping(millis).call();
				}
				finally {
					running.decrementAndGet();
				}
				return index;
			});
		}
		return tasks;
	}

}
