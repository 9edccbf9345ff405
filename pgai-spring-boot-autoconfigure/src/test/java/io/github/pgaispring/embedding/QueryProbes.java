package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.pgaispring.embedding.OnnxScheduler.Workload;

/** Tasks that stand in for model runs, and query latencies measured through a scheduler, for its tests. */
final class QueryProbes {

	private QueryProbes() {
	}

	/**
	 * Runs queries of 2 ms one after another and returns how long each took, wait included.
	 * @param scheduler the scheduler
	 * @param queries how many
	 * @param pauseMillis the pause after each
	 * @return the latencies in milliseconds
	 */
	static List<Long> latencies(OnnxScheduler scheduler, int queries, long pauseMillis) throws InterruptedException {
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < queries; i++) {
			long started = System.nanoTime();
			scheduler.invoke(Workload.QUERIES, sleeping(2));
			waits.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			Thread.sleep(pauseMillis);
		}
		return waits;
	}

	/** A task that sleeps for the given time and returns 0. */
	static Callable<Integer> sleeping(long millis) {
		return () -> {
			Thread.sleep(millis);
			return 0;
		};
	}

}
