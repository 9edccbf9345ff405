package io.github.pgaispring.actuate;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.pgaispring.actuate.PgaiEndpoint.PgaiDescriptor;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code pgai} health contributor. It is {@code DOWN} when
 * <ul>
 * <li>the database does not answer within the timeout ({@code pgai.health.timeout}, 2 s by default; the check
 * goes on in the background and the next check waits for it), or fails;</li>
 * <li>the database has no {@code ai} catalog;</li>
 * <li>this application's worker is stuck: its last heartbeat reached the database more than three heartbeat
 * intervals ago, or its last {@value #FAILING_BATCHES} batches or more were rolled back (claims failing), the last
 * one within three heartbeat intervals;</li>
 * <li>this application runs no worker, a vectorizer has queued rows, and no worker in
 * {@code ai.vectorizer_worker_process} sent a heartbeat within two of its intervals.</li>
 * </ul>
 * Otherwise it is {@code UP}. Its details list every vectorizer's {@code pending} and {@code failed} rows, and this
 * application's worker.
 */
public class PgaiHealthIndicator implements HealthIndicator, AutoCloseable {

	/** Batches rolled back in a row from which the worker counts as stuck. */
	static final int FAILING_BATCHES = 3;

	/** Heartbeat intervals after which a heartbeat counts as stale. */
	private static final int STALE_HEARTBEATS = 3;

	private final PgaiStatusReader reader;

	private final Duration timeout;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "pgai-health");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable Future<PgaiDescriptor> reading;

	/**
	 * Creates the health contributor.
	 * @param catalog reads the vectorizers
	 * @param queues reads their queues
	 * @param jdbc reads the worker table of the {@code ai} schema
	 * @param worker the application's own worker, or {@code null} if it runs none
	 * @param timeout how long a check waits for the database
	 */
	public PgaiHealthIndicator(VectorizerCatalog catalog, VectorizerQueues queues, JdbcClient jdbc,
			@Nullable VectorizerWorker worker, Duration timeout) {
		this.reader = new PgaiStatusReader(catalog, queues, jdbc, worker);
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		PgaiDescriptor status;
		try {
			status = reading().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return Health.down()
				.withDetail("reason", "The database did not answer within " + this.timeout
						+ " (pgai.health.timeout); is it down?")
				.build();
		}
		catch (ExecutionException ex) {
			return Health.down(ex.getCause())
				.withDetail("reason", "Cannot read the ai catalog: " + databaseMessage(ex.getCause()))
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().withDetail("reason", "Interrupted").build();
		}
		return health(status);
	}

	private Health health(PgaiDescriptor status) {
		if (!status.catalogInstalled()) {
			return Health.down()
				.withDetail("reason", "The database has no ai catalog (no table ai.vectorizer): let the starter "
						+ "install it (pgai.catalog.install=true) or run pgai's installer")
				.build();
		}
		Map<String, Object> vectorizers = new LinkedHashMap<>();
		status.vectorizers().forEach((name, vectorizer) -> vectorizers.put(name,
				Map.of("pending", vectorizer.pending(), "failed", vectorizer.failed())));
		Health.Builder health = Health.up().withDetail("vectorizers", vectorizers);
		VectorizerWorker worker = this.reader.worker();
		WorkerStatus own = (worker != null) ? worker.status() : null;
		String stuck = (own != null && own.running()) ? stuck(own, Instant.now()) : noWorker(status);
		if (own != null && own.running()) {
			Map<String, Object> details = new LinkedHashMap<>();
			if (own.workerId() != null) {
				details.put("id", own.workerId());
			}
			if (own.lastHeartbeat() != null) {
				details.put("lastHeartbeat", own.lastHeartbeat());
			}
			details.put("failedBatchesInARow", own.failedBatchesInARow());
			if (own.lastBatchError() != null) {
				details.put("lastBatchError", own.lastBatchError());
			}
			health.withDetail("worker", details);
		}
		if (stuck != null) {
			health.down().withDetail("reason", stuck);
		}
		return health.build();
	}

	private static @Nullable String stuck(WorkerStatus worker, Instant now) {
		Duration staleAfter = worker.heartbeatInterval().multipliedBy(STALE_HEARTBEATS);
		Instant lastHeartbeat = worker.lastHeartbeat();
		if (worker.workerId() != null && lastHeartbeat != null && lastHeartbeat.plus(staleAfter).isBefore(now)) {
			return "The worker's last heartbeat reached the database at " + lastHeartbeat + ", more than "
					+ staleAfter + " ago";
		}
		Instant lastError = worker.lastBatchErrorAt();
		if (worker.failedBatchesInARow() >= FAILING_BATCHES && lastError != null
				&& lastError.plus(staleAfter).isAfter(now)) {
			return "The worker's last " + worker.failedBatchesInARow() + " batches were rolled back (rows stay "
					+ "queued): " + worker.lastBatchError();
		}
		return null;
	}

	private static @Nullable String noWorker(PgaiDescriptor status) {
		boolean queued = status.vectorizers().values().stream()
			.anyMatch((vectorizer) -> !vectorizer.disabled() && vectorizer.pending() > 0);
		if (!queued || status.workers() == null
				|| status.workers().stream().anyMatch(PgaiEndpoint.WorkerDescriptor::alive)) {
			return null;
		}
		return "Rows are queued, but no worker sent a heartbeat to ai.vectorizer_worker_process within two of its "
				+ "intervals: start one (pgai.worker.enabled=true, or PgaiWorkerApplication)";
	}

	/** The message of the innermost JDBC exception, which names the server and the problem. */
	private static @Nullable String databaseMessage(Throwable failure) {
		Throwable jdbc = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException) {
				jdbc = cause;
			}
		}
		return ((jdbc != null) ? jdbc : NestedExceptionUtils.getMostSpecificCause(failure)).getMessage();
	}

	private synchronized Future<PgaiDescriptor> reading() {
		if (this.reading == null || this.reading.isDone()) {
			this.reading = this.executor.submit(() -> this.reader.read(false));
		}
		return this.reading;
	}

	/** Stops the thread that reads the database. */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
