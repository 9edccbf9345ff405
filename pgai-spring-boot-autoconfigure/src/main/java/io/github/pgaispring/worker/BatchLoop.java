package io.github.pgaispring.worker;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import io.github.pgaispring.sql.Vectorizer;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The loop of one worker thread. It takes a vectorizer with work from the {@link VectorizerScheduler}, claims and
 * embeds a batch ({@link BatchProcessor#claimAndEmbed}) and hands it to its committer thread, which writes and
 * commits it while the loop claims and embeds the next one: the database work of one batch overlaps with the
 * next. At most one batch waits for its commit; a batch that found nothing waits for the previous commit before
 * it is reported, so that an empty queue is reported after the last rows are stored. The loop ends when the
 * scheduler stops, after the last commit.
 */
final class BatchLoop implements Runnable {

	private static final Log logger = LogFactory.getLog(BatchLoop.class);

	private final VectorizerScheduler turns;

	private final BatchProcessor processor;

	private final WorkerSettings settings;

	private final Outcomes outcomes;

	private final BooleanSupplier running;

	private final ExecutorService committer;

	private final BatchObservations observations;

	BatchLoop(String name, VectorizerScheduler turns, BatchProcessor processor, WorkerSettings settings,
			Outcomes outcomes, BooleanSupplier running, BatchObservations observations) {
		this.observations = observations;
		this.turns = turns;
		this.processor = processor;
		this.settings = settings;
		this.outcomes = outcomes;
		this.running = running;
		this.committer = Executors.newSingleThreadExecutor((task) -> new Thread(task, name + "-commit"));
	}

	@Override
	public void run() {
		Future<?> committing = null;
		try {
			while (true) {
				Vectorizer vectorizer = this.turns.take(this.settings.pollInterval());
				if (vectorizer == null) {
					if (!this.running.getAsBoolean()) {
						return;
					}
					continue;
				}
				boolean moreWork = false;
				Observation observation = this.observations.start(vectorizer);
				try {
					BatchProcessor.Batch batch;
					try (Observation.Scope scope = observation.openScope()) {
						batch = this.processor.claimAndEmbed(vectorizer);
					}
					moreWork = batch.claimedWork();
					try {
						awaitCommit(committing);
						committing = null;
						committing = moreWork ? this.committer.submit(() -> commit(vectorizer, batch, observation)) : null;
					}
					catch (InterruptedException | RuntimeException ex) {
						batch.abandon();
						throw ex;
					}
					if (!moreWork) {
						commit(vectorizer, batch, observation);
					}
				}
				catch (VectorizerConfigurationException ex) {
					BatchObservations.failed(observation, ex);
					this.turns.block(vectorizer, this.settings.maxRetryBackoff());
					this.outcomes.unprocessable(vectorizer, ex);
				}
				catch (InterruptedException ex) {
					BatchObservations.failed(observation, ex);
					throw ex;
				}
				catch (RuntimeException ex) {
					BatchObservations.failed(observation, ex);
					this.outcomes.rolledBack(vectorizer, ex);
				}
				finally {
					this.turns.release(vectorizer, moreWork);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			awaitCommitUninterruptibly(committing);
			this.committer.shutdown();
		}
	}

	private void commit(Vectorizer vectorizer, BatchProcessor.Batch batch, Observation observation) {
		BatchResult result;
		try {
			result = batch.commit();
		}
		catch (RuntimeException ex) {
			BatchObservations.failed(observation, ex);
			this.outcomes.rolledBack(vectorizer, ex);
			return;
		}
		BatchObservations.completed(observation, result);
		this.outcomes.committed(vectorizer, result);
	}

	private static void awaitCommit(Future<?> committing) throws InterruptedException {
		if (committing != null) {
			try {
				committing.get();
			}
			catch (ExecutionException ex) {
				logger.error("A batch commit failed unexpectedly", ex.getCause());
			}
		}
	}

	private static void awaitCommitUninterruptibly(Future<?> committing) {
		boolean interrupted = Thread.interrupted();
		try {
			while (true) {
				try {
					awaitCommit(committing);
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** What becomes of the batches. */
	interface Outcomes {

		/** A batch transaction committed (or found nothing). */
		void committed(Vectorizer vectorizer, BatchResult result);

		/** A batch was rolled back; its rows stay queued. */
		void rolledBack(Vectorizer vectorizer, RuntimeException cause);

		/** The vectorizer's config cannot be processed; nothing was claimed. */
		void unprocessable(Vectorizer vectorizer, VectorizerConfigurationException cause);

	}

}
