package io.github.pgaispring.progress;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerQueues;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Keeps the application out of rotation until its initial backfill is done ({@code pgai.readiness.wait-for-backfill}):
 * when Spring Boot declares the application ready ({@link ReadinessState#ACCEPTING_TRAFFIC}), it checks the
 * vectorizers for rows queued up to then and, if there are any, switches the readiness state back to
 * {@link ReadinessState#REFUSING_TRAFFIC} ({@code /actuator/health/readiness} answers 503) until they are embedded or
 * moved to a failed queue. Liveness is not touched. It does so once, at startup; a readiness change by anyone else
 * meanwhile (a graceful shutdown, say) is left as it is.
 */
public final class BackfillReadinessGate
		implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>>, Ordered, AutoCloseable {

	private static final Log logger = LogFactory.getLog(BackfillReadinessGate.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final ApplicationEventPublisher publisher;

	private final ApplicationAvailability availability;

	private final VectorizerCatalog catalog;

	private final VectorizerQueues queues;

	private final VectorizerAwaiter awaiter;

	private final Set<String> vectorizerNames;

	private volatile boolean checked;

	private volatile boolean closed;

	private volatile @Nullable Thread waiting;

	/**
	 * Creates the gate.
	 * @param publisher publishes the readiness changes
	 * @param availability the application's availability, read to leave others' changes alone
	 * @param catalog finds the vectorizers
	 * @param queues reads their queues
	 * @param awaiter waits for the backfill
	 * @param vectorizerNames the vectorizers to wait for; empty for every enabled one
	 */
	public BackfillReadinessGate(ApplicationEventPublisher publisher, ApplicationAvailability availability,
			VectorizerCatalog catalog, VectorizerQueues queues, VectorizerAwaiter awaiter, Set<String> vectorizerNames) {
		this.publisher = publisher;
		this.availability = availability;
		this.catalog = catalog;
		this.queues = queues;
		this.awaiter = awaiter;
		this.vectorizerNames = Set.copyOf(vectorizerNames);
	}

	/** After Spring Boot's own availability bean has recorded the change, so that the gate's change comes last. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || event.getSource() == this || this.checked) {
			return;
		}
		this.checked = true;
		Backfill backfill;
		try {
			backfill = backfill();
			if (backfill.vectorizers().isEmpty()) {
				logger.info("No rows are queued for embedding; the application accepts traffic");
				return;
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot check the vectorizer queues (" + ex.getMessage() + "); refusing traffic until they "
					+ "can be checked and the rows queued now are embedded");
			backfill = null;
		}
		boolean recorded = this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		if (recorded) {
			refuseTraffic(backfill);
		}
		Backfill known = backfill;
		Thread thread = new Thread(() -> awaitBackfill(known, !recorded), "pgai-readiness-gate");
		thread.setDaemon(true);
		this.waiting = thread;
		thread.start();
	}

	private void refuseTraffic(@Nullable Backfill backfill) {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		if (backfill != null) {
			logger.info("Refusing traffic until the rows queued for " + backfill.names()
					+ " are embedded (pgai.readiness.wait-for-backfill)");
		}
	}

	private void awaitBackfill(@Nullable Backfill known, boolean refuseFirst) {
		if (refuseFirst) {
			refuseTraffic(known);
		}
		long started = System.nanoTime();
		Backfill backfill = known;
		while (!this.closed) {
			try {
				if (backfill == null) {
					backfill = backfill();
				}
				this.awaiter.awaitBacklogs(backfill.vectorizers(), backfill.queuedUpTo(), null, false);
				break;
			}
			catch (RuntimeException ex) {
				if (this.closed) {
					return;
				}
				logger.debug("Waiting for the initial backfill failed; trying again in " + RETRY, ex);
				sleep();
			}
		}
		if (this.closed) {
			return;
		}
		AvailabilityChangeEvent<ReadinessState> last = this.availability.getLastChangeEvent(ReadinessState.class);
		if (last != null && last.getSource() == this) {
			logger.info("Initial backfill " + ((backfill != null) ? "of " + backfill.names() + " " : "") + "done in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; the application accepts traffic");
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private Backfill backfill() {
		OffsetDateTime now = this.queues.databaseTime();
		List<Vectorizer> queued = this.catalog.findAll()
			.stream()
			.filter((vectorizer) -> !vectorizer.disabled())
			.filter((vectorizer) -> this.vectorizerNames.isEmpty() || this.vectorizerNames.contains(vectorizer.name()))
			.filter((vectorizer) -> this.queues.hasWorkQueuedUpTo(vectorizer, now))
			.toList();
		return new Backfill(queued, now);
	}

	private void sleep() {
		try {
			Thread.sleep(RETRY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.closed = true;
		}
	}

	/** Stops waiting; the readiness state stays as it is. */
	@Override
	public void close() {
		this.closed = true;
		Thread thread = this.waiting;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private record Backfill(List<Vectorizer> vectorizers, OffsetDateTime queuedUpTo) {

		List<String> names() {
			return this.vectorizers.stream().map(Vectorizer::name).toList();
		}

	}

}
