package io.github.pgaispring.progress;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.pgaispring.sql.PrimaryKeyColumn;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.WorkerListener;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Waits until rows are embedded: every row of a vectorizer that was queued when the wait began, or one row by its
 * primary key. Use it in tests ({@code insert, awaitEmbedded, search}) and where an application reads its own
 * writes. It watches the queue tables, so it works whichever worker embeds (this application's, another
 * instance's, a standalone one); this application's worker wakes it as soon as a backlog drains.
 * <p>
 * A row counts as embedded when its work queue holds no entry for it any more: a worker commits a row's chunks
 * together with the removal of its queue entry. A row that keeps failing is retried and finally moved to the
 * failed queue; waiting for it then fails with {@link EmbeddingFailedException} rather than running into the
 * timeout (for a single row: whenever it is in the failed queue; for a vectorizer: the rows moved there while
 * the wait lasts).
 */
public final class VectorizerAwaiter implements WorkerListener {

	private static final long FIRST_POLL_MILLIS = 25;

	private static final long MAX_POLL_MILLIS = 500;

	private final VectorizerCatalog catalog;

	private final VectorizerQueues queues;

	private final Object drained = new Object();

	/**
	 * Creates the awaiter.
	 * @param catalog finds vectorizers by name
	 * @param queues reads their queues
	 */
	public VectorizerAwaiter(VectorizerCatalog catalog, VectorizerQueues queues) {
		this.catalog = catalog;
		this.queues = queues;
	}

	/**
	 * Waits until every enabled vectorizer has embedded the rows queued when this method was called.
	 * @param timeout how long to wait at most
	 * @throws EmbeddingTimeoutException if rows are still queued then
	 * @throws EmbeddingFailedException if rows were moved to a failed queue meanwhile
	 */
	public void awaitEmbedded(Duration timeout) {
		List<Vectorizer> enabled = this.catalog.findAll().stream().filter((vectorizer) -> !vectorizer.disabled())
			.toList();
		awaitBacklogs(enabled, this.queues.databaseTime(), timeout, true);
	}

	/**
	 * Waits until the vectorizer has embedded every row queued when this method was called (rows changed later
	 * need not be embedded yet).
	 * @param vectorizer the vectorizer name
	 * @param timeout how long to wait at most
	 * @throws IllegalArgumentException if there is no vectorizer of that name
	 * @throws EmbeddingTimeoutException if rows are still queued then
	 * @throws EmbeddingFailedException if rows were moved to its failed queue meanwhile
	 */
	public void awaitEmbedded(String vectorizer, Duration timeout) {
		awaitBacklogs(List.of(find(vectorizer)), this.queues.databaseTime(), timeout, true);
	}

	/**
	 * Waits until a row of a vectorizer whose source has a one-column primary key is embedded in its latest
	 * version.
	 * @param vectorizer the vectorizer name
	 * @param primaryKey the row's primary-key value, such as a {@code Long} id
	 * @param timeout how long to wait at most
	 * @throws IllegalArgumentException if there is no vectorizer of that name, or its key has several columns
	 * @throws EmbeddingTimeoutException if the row is still queued then
	 * @throws EmbeddingFailedException if the row was moved to the failed queue meanwhile
	 */
	public void awaitEmbedded(String vectorizer, Object primaryKey, Duration timeout) {
		Assert.notNull(primaryKey, "primaryKey must not be null");
		Vectorizer found = find(vectorizer);
		List<PrimaryKeyColumn> columns = found.primaryKey();
		if (columns.size() != 1) {
			throw new IllegalArgumentException(found + " has the primary key " + names(columns)
					+ "; pass a Map of these columns to their values");
		}
		awaitRow(found, List.of(primaryKey), Map.of(columns.get(0).name(), primaryKey), timeout);
	}

	/**
	 * Waits until a row is embedded in its latest version.
	 * @param vectorizer the vectorizer name
	 * @param primaryKey the row's primary key, every key column to its value
	 * @param timeout how long to wait at most
	 * @throws IllegalArgumentException if there is no vectorizer of that name, or the map does not name exactly
	 * its key columns
	 * @throws EmbeddingTimeoutException if the row is still queued then
	 * @throws EmbeddingFailedException if the row was moved to the failed queue meanwhile
	 */
	public void awaitEmbedded(String vectorizer, Map<String, ?> primaryKey, Duration timeout) {
		Vectorizer found = find(vectorizer);
		List<PrimaryKeyColumn> columns = found.primaryKey();
		Set<String> names = columns.stream().map(PrimaryKeyColumn::name).collect(Collectors.toSet());
		if (!names.equals(primaryKey.keySet())) {
			throw new IllegalArgumentException("The primary key of " + found + " is " + names(columns) + ", not "
					+ primaryKey.keySet());
		}
		List<Object> values = new ArrayList<>();
		for (PrimaryKeyColumn column : columns) {
			Object value = primaryKey.get(column.name());
			Assert.notNull(value, () -> "The value of primary-key column " + column.name() + " must not be null");
			values.add(value);
		}
		awaitRow(found, values, primaryKey, timeout);
	}

	/** Wakes the waits when this application's worker drained a backlog. */
	@Override
	public void caughtUp(Vectorizer vectorizer, long rows, long chunks, Duration elapsed) {
		synchronized (this.drained) {
			this.drained.notifyAll();
		}
	}

	/**
	 * Waits until the vectorizers have embedded every row queued up to a time.
	 * @param vectorizers the vectorizers
	 * @param queuedUpTo the time, from {@link VectorizerQueues#databaseTime()}
	 * @param timeout how long to wait at most, or {@code null} for as long as it takes
	 * @param failOnParked whether rows moved to a failed queue meanwhile fail the wait (else they count as done)
	 */
	void awaitBacklogs(List<Vectorizer> vectorizers, OffsetDateTime queuedUpTo, @Nullable Duration timeout,
			boolean failOnParked) {
		Deadline deadline = new Deadline(timeout);
		List<Vectorizer> waiting = new ArrayList<>(vectorizers);
		while (true) {
			waiting.removeIf((vectorizer) -> !this.queues.hasWorkQueuedUpTo(vectorizer, queuedUpTo));
			if (waiting.isEmpty()) {
				break;
			}
			if (deadline.passed()) {
				throw new EmbeddingTimeoutException(waiting.stream().map((vectorizer) -> vectorizer.name() + ": "
						+ this.queues.pending(vectorizer) + " entries queued" + (vectorizer.disabled()
								? " (the vectorizer is disabled: ai.enable_vectorizer_schedule)" : ""))
					.collect(Collectors.joining("; ", "Rows queued at " + queuedUpTo + " are not embedded after "
							+ timeout + " (", "); is a worker running for them (pgai.worker.enabled, "
									+ "pgai.worker.vectorizers)?")));
			}
			deadline.pause(this.drained);
		}
		if (failOnParked) {
			Map<String, Long> failed = new LinkedHashMap<>();
			for (Vectorizer vectorizer : vectorizers) {
				long count = this.queues.failedSince(vectorizer, queuedUpTo);
				if (count > 0) {
					failed.put(vectorizer.name(), count);
				}
			}
			if (!failed.isEmpty()) {
				throw new EmbeddingFailedException("Rows were moved to the failed queue since " + queuedUpTo + " "
						+ failed + "; see ai.vectorizer_errors (or /actuator/pgai) for why, and requeue them with "
						+ "VectorizerQueues.requeueFailed (or a POST to /actuator/pgai/{name}) once fixed");
			}
		}
	}

	private void awaitRow(Vectorizer vectorizer, List<Object> key, Map<String, ?> description, Duration timeout) {
		Deadline deadline = new Deadline(timeout);
		while (this.queues.isQueued(vectorizer, key)) {
			if (deadline.passed()) {
				throw new EmbeddingTimeoutException("The row " + description + " of " + vectorizer
						+ " is still queued after " + timeout + ((vectorizer.disabled())
								? "; the vectorizer is disabled (ai.enable_vectorizer_schedule)"
								: "; is a worker running for it (pgai.worker.enabled, pgai.worker.vectorizers)?"));
			}
			deadline.pause(this.drained);
		}
		this.queues.failedAt(vectorizer, key).ifPresent((failedAt) -> {
			throw new EmbeddingFailedException("The row " + description + " of " + vectorizer + " was moved to "
					+ vectorizer.queueSchema() + "." + vectorizer.queueFailedTable() + " at " + failedAt
					+ "; see ai.vectorizer_errors (or /actuator/pgai) for why");
		});
	}

	private Vectorizer find(String name) {
		Assert.hasText(name, "The vectorizer name must not be empty");
		return this.catalog.findByName(name)
			.orElseThrow(() -> new IllegalArgumentException("No vectorizer named '" + name + "'; known: "
					+ this.catalog.findAll().stream().map(Vectorizer::name).toList()));
	}

	private static List<String> names(List<PrimaryKeyColumn> columns) {
		return columns.stream().map(PrimaryKeyColumn::name).toList();
	}

	/** When a wait gives up, and how long it sleeps between looks at the queues. */
	private static final class Deadline {

		private final long end;

		private long pauseMillis = FIRST_POLL_MILLIS;

		Deadline(@Nullable Duration timeout) {
			this.end = (timeout != null) ? System.nanoTime() + timeout.toNanos() : Long.MAX_VALUE;
		}

		boolean passed() {
			return this.end != Long.MAX_VALUE && System.nanoTime() - this.end >= 0;
		}

		/** Sleeps until the next look, or until the worker drains a backlog. */
		void pause(Object drained) {
			long left = (this.end == Long.MAX_VALUE) ? Long.MAX_VALUE
					: Math.max(1, (this.end - System.nanoTime()) / 1_000_000);
			long millis = Math.min(this.pauseMillis, left);
			this.pauseMillis = Math.min(this.pauseMillis * 2, MAX_POLL_MILLIS);
			try {
				synchronized (drained) {
					drained.wait(millis);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for rows to be embedded", ex);
			}
		}

	}

}
