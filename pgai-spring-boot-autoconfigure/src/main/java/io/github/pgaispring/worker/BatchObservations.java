package io.github.pgaispring.worker;

import java.util.Locale;
import java.util.function.Supplier;

import io.github.pgaispring.observation.BatchObservationContext;
import io.github.pgaispring.observation.BatchObservationConvention;
import io.github.pgaispring.observation.DefaultBatchObservationConvention;
import io.github.pgaispring.observation.PgaiObservationDocumentation;
import io.github.pgaispring.sql.Vectorizer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes each batch transaction a {@code pgai.worker.batch} observation. In the worker's threads a batch is claimed
 * and embedded on a worker thread (where its embedding calls become child observations) and committed on the
 * thread's committer, so the observation is started on one thread and stopped on the other; {@link #observe} covers
 * a batch run in one thread.
 */
final class BatchObservations {

	private volatile ObservationRegistry registry = ObservationRegistry.NOOP;

	private volatile @Nullable BatchObservationConvention convention;

	void use(ObservationRegistry registry, @Nullable BatchObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/** Starts the observation of a batch of the vectorizer. */
	Observation start(Vectorizer vectorizer) {
		BatchObservationContext context = new BatchObservationContext(vectorizer.name());
		return PgaiObservationDocumentation.WORKER_BATCH
			.observation(this.convention, DefaultBatchObservationConvention.INSTANCE, () -> context, this.registry)
			.start();
	}

	/**
	 * Observes a batch that is claimed, embedded and committed in the calling thread.
	 * @param vectorizer the vectorizer of the batch
	 * @param batch runs the batch
	 * @return what the batch did
	 */
	BatchResult observe(Vectorizer vectorizer, Supplier<BatchResult> batch) {
		Observation observation = start(vectorizer);
		BatchResult result;
		try (Observation.Scope scope = observation.openScope()) {
			result = batch.get();
		}
		catch (RuntimeException ex) {
			failed(observation, ex);
			throw ex;
		}
		completed(observation, result);
		return result;
	}

	/** Stops the observation of a batch that committed (or found nothing). */
	static void completed(Observation observation, BatchResult result) {
		if (observation.getContext() instanceof BatchObservationContext context) {
			context.setOutcome(result.status().name().toLowerCase(Locale.ROOT), result.embeddedRows(), result.chunks(),
					result.retriedRows() + result.failedRows());
		}
		observation.stop();
	}

	/** Stops the observation of a batch that was rolled back. */
	static void failed(Observation observation, Throwable cause) {
		observation.error(cause);
		observation.stop();
	}

}
