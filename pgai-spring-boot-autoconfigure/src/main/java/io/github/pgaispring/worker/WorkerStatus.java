package io.github.pgaispring.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an in-application {@link VectorizerWorker} is doing, from {@link VectorizerWorker#status()}.
 *
 * @param running whether the worker is started
 * @param workerId its row in {@code ai.vectorizer_worker_process}, or {@code null} before it registered (or in a
 * catalog without worker tracking)
 * @param lastHeartbeat when its registration or heartbeat last reached the database, or {@code null} if never
 * @param heartbeatInterval how often it sends a heartbeat
 * @param databaseReachable whether its last look for work reached the database
 * @param failedBatchesInARow batches rolled back (rows left queued) since the last one that committed
 * @param lastBatchError the error of the last batch rolled back, or {@code null}
 * @param lastBatchErrorAt when that batch was rolled back, or {@code null}
 * @param backlogs the vectorizers it is working off a backlog of (from the first batch after an empty queue
 * until the queue is empty again)
 */
public record WorkerStatus(boolean running, @Nullable UUID workerId, @Nullable Instant lastHeartbeat,
		Duration heartbeatInterval, boolean databaseReachable, int failedBatchesInARow,
		@Nullable String lastBatchError, @Nullable Instant lastBatchErrorAt, List<Backlog> backlogs) {

	public WorkerStatus {
		backlogs = List.copyOf(backlogs);
	}

	/**
	 * A backlog the worker is working off.
	 *
	 * @param vectorizer the vectorizer name
	 * @param rows source rows embedded so far
	 * @param chunks chunks written so far
	 * @param started when its first batch started
	 * @param rowsPerSecond rows embedded per second since then
	 */
	public record Backlog(String vectorizer, long rows, long chunks, Instant started, double rowsPerSecond) {

	}

}
