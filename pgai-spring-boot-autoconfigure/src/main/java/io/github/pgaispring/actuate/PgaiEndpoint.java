package io.github.pgaispring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.github.pgaispring.worker.FailureStep;
import io.github.pgaispring.worker.VectorizerDataAccessException;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code pgai} endpoint ({@code /actuator/pgai}): every vectorizer of the database with its source, store,
 * model, queue and failed-queue lengths, errors of the last hour and the last error, worker progress and, while
 * this application's worker works off a backlog, its progress and ETA; the workers that sent a heartbeat in the
 * last hour. {@code /actuator/pgai/{name}} shows one vectorizer; a {@code POST} there moves its failed rows back
 * to its work queue (all, or those of one failure step given as {@code {"step": "embedding"}}).
 */
@Endpoint(id = "pgai")
public class PgaiEndpoint {

	private static final Log logger = LogFactory.getLog(PgaiEndpoint.class);

	private final PgaiStatusReader reader;

	private final VectorizerCatalog catalog;

	private final VectorizerQueues queues;

	/**
	 * Creates the endpoint.
	 * @param catalog reads the vectorizers
	 * @param queues reads and requeues their queues
	 * @param jdbc reads the errors and worker tables of the {@code ai} schema
	 * @param worker the application's own worker, or {@code null} if it runs none
	 */
	public PgaiEndpoint(VectorizerCatalog catalog, VectorizerQueues queues, JdbcClient jdbc,
			@Nullable VectorizerWorker worker) {
		this.reader = new PgaiStatusReader(catalog, queues, jdbc, worker, new VectorizerMigrations(jdbc));
		this.catalog = catalog;
		this.queues = queues;
	}

	/**
	 * Every vectorizer and the workers.
	 * @return the description; when the database cannot be read, one saying why
	 */
	@ReadOperation
	public PgaiDescriptor vectorizers() {
		try {
			return this.reader.read(true);
		}
		catch (DataAccessException | VectorizerDataAccessException ex) {
			logger.debug("Cannot read the pgai status", ex);
			return new PgaiDescriptor(false, Map.of(), null, "Cannot read the ai catalog: " + ex.getMessage());
		}
	}

	/**
	 * One vectorizer.
	 * @param name the vectorizer name
	 * @return its description, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable VectorizerDescriptor vectorizer(@Selector String name) {
		return this.reader.read(true).vectorizers().get(name);
	}

	/**
	 * Moves a vectorizer's failed rows back to its work queue, with a fresh attempt count; the worker embeds them
	 * again.
	 * @param name the vectorizer name
	 * @param step only the rows that failed in this step ({@code loading}, {@code chunking}, {@code formatting},
	 * {@code embedding} or {@code writing}); all rows if absent
	 * @return how many rows were moved
	 */
	@WriteOperation
	public RequeueDescriptor requeueFailed(@Selector String name, @Nullable String step) {
		Vectorizer vectorizer = this.catalog.findByName(name)
			.orElseThrow(() -> new InvalidEndpointRequestException("No vectorizer named '" + name + "'; known: "
					+ this.catalog.findAll().stream().map(Vectorizer::name).toList(), "unknown vectorizer"));
		FailureStep failureStep = (step != null) ? step(step) : null;
		int moved = this.queues.requeueFailed(vectorizer, failureStep);
		logger.info("Moved " + moved + " failed rows of " + vectorizer + " back to its queue"
				+ ((failureStep != null) ? " (failure step " + step + ")" : "") + " through the pgai endpoint");
		return new RequeueDescriptor(name, step, moved, this.queues.pending(vectorizer), this.queues.failed(vectorizer));
	}

	private static FailureStep step(String step) {
		try {
			return FailureStep.fromSqlValue(step);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Unknown failure step '" + step + "'; use one of "
					+ Arrays.stream(FailureStep.values()).map(FailureStep::sqlValue).toList(), "unknown failure step");
		}
	}

	/**
	 * The vectorizers of the database and its workers.
	 *
	 * @param catalogInstalled whether the database has the {@code ai} catalog
	 * @param vectorizers every vectorizer, by name
	 * @param workers the workers that sent a heartbeat in the last hour, the latest first; {@code null} when the
	 * catalog has no worker tracking (pgai before 0.10)
	 * @param error why the database could not be read, or {@code null}
	 */
	public record PgaiDescriptor(boolean catalogInstalled, Map<String, VectorizerDescriptor> vectorizers,
			@Nullable List<WorkerDescriptor> workers, @Nullable String error) implements OperationResponseBody {

	}

	/**
	 * One vectorizer.
	 *
	 * @param id its id
	 * @param source the source table
	 * @param store where its embeddings go (a table, or a column of the source), or {@code null} if its
	 * configuration cannot be read
	 * @param embedding its model, or {@code null} if its configuration cannot be read
	 * @param disabled whether processing is switched off
	 * @param pending entries in its work queue, including rows waiting for a retry
	 * @param failed rows in its failed queue
	 * @param errorsLastHour errors recorded in {@code ai.vectorizer_errors} in the last hour
	 * @param lastError the latest error recorded, or {@code null}
	 * @param progress what the workers reported for it ({@code ai.vectorizer_worker_progress}), or {@code null}
	 * @param backlog the backlog this application's worker is working off, or {@code null}
	 * @param configurationError why its stored configuration cannot be read, or {@code null}
	 * @param migration the migration to a new definition in progress ({@code ai.migrate_vectorizer}), or
	 * {@code null}
	 */
	public record VectorizerDescriptor(int id, String source, @Nullable String store,
			@Nullable EmbeddingDescriptor embedding, boolean disabled, long pending, long failed, long errorsLastHour,
			@Nullable ErrorDescriptor lastError, @Nullable ProgressDescriptor progress,
			@Nullable BacklogDescriptor backlog, @Nullable String configurationError,
			@Nullable MigrationDescriptor migration) {

	}

	/**
	 * A migration of a vectorizer to a new definition: the new store being built beside the one searches read.
	 *
	 * @param target the vectorizer building the new store
	 * @param targetStore the new store
	 * @param started when the migration started
	 * @param backfillRows rows queued for the new store when it started
	 * @param pending rows queued for it now
	 * @param percent rows of the backfill embedded so far, 0 to 100
	 * @param rowsPerSecond the recent rate of the backfill (about the last minute this application read of it), or
	 * {@code null} before a row is embedded
	 * @param eta the time left at that rate, or {@code null} while no rate is known
	 * @param waitingFor what the switch waits for, or {@code null} when the worker's next poll switches
	 */
	public record MigrationDescriptor(String target, String targetStore, OffsetDateTime started, long backfillRows,
			long pending, int percent, @Nullable Double rowsPerSecond, @Nullable Duration eta,
			@Nullable String waitingFor) {

	}

	/**
	 * A vectorizer's embedding model.
	 *
	 * @param provider the implementation, such as {@code openai}
	 * @param model the model, or {@code null} for the provider's default
	 * @param dimensions the vector length, or {@code null} for the provider's default
	 */
	public record EmbeddingDescriptor(String provider, @Nullable String model, @Nullable Integer dimensions) {

	}

	/**
	 * An error recorded in {@code ai.vectorizer_errors}.
	 *
	 * @param message the message
	 * @param details the details (failure step, error reason, primary keys, hint), or {@code null}
	 * @param recorded when it was recorded
	 */
	public record ErrorDescriptor(String message, @Nullable Map<String, Object> details, OffsetDateTime recorded) {

	}

	/**
	 * What the workers reported for a vectorizer in {@code ai.vectorizer_worker_progress}.
	 *
	 * @param successCount rows embedded
	 * @param errorCount errors
	 * @param lastSuccessAt when a row was last embedded
	 * @param lastSuccessWorker the worker that did, as in {@link WorkerDescriptor#id()}
	 * @param lastErrorAt when the last error happened
	 * @param lastErrorMessage its message
	 * @param lastErrorWorker the worker it happened in
	 */
	public record ProgressDescriptor(long successCount, long errorCount, @Nullable OffsetDateTime lastSuccessAt,
			@Nullable UUID lastSuccessWorker, @Nullable OffsetDateTime lastErrorAt, @Nullable String lastErrorMessage,
			@Nullable UUID lastErrorWorker) {

	}

	/**
	 * A backlog this application's worker is working off: from the first batch after an empty queue until the
	 * queue is empty again.
	 *
	 * @param embedded rows embedded so far
	 * @param pending entries still queued
	 * @param percent embedded rows out of embedded and pending
	 * @param rowsPerSecond rows embedded per second so far
	 * @param started when its first batch started
	 * @param eta the time left at that rate, or {@code null} before a row is embedded
	 */
	public record BacklogDescriptor(long embedded, long pending, int percent, double rowsPerSecond, Instant started,
			@Nullable Duration eta) {

	}

	/**
	 * A worker in {@code ai.vectorizer_worker_process}.
	 *
	 * @param id its id
	 * @param version the worker's version, such as {@code pgai-spring-boot 0.1.0}
	 * @param started when it started
	 * @param lastHeartbeat when it last sent a heartbeat
	 * @param expectedHeartbeatInterval how often it sends one
	 * @param alive whether its last heartbeat is at most two intervals old
	 * @param heartbeats heartbeats sent
	 * @param successCount rows it embedded
	 * @param errorCount errors it had
	 * @param lastErrorAt when its last error happened
	 * @param lastErrorMessage that error's message
	 * @param thisApplication whether it is this application's worker
	 */
	public record WorkerDescriptor(UUID id, String version, @Nullable OffsetDateTime started,
			@Nullable OffsetDateTime lastHeartbeat, Duration expectedHeartbeatInterval, boolean alive, long heartbeats,
			long successCount, long errorCount, @Nullable OffsetDateTime lastErrorAt, @Nullable String lastErrorMessage,
			boolean thisApplication) {

	}

	/**
	 * The outcome of requeueing a vectorizer's failed rows.
	 *
	 * @param vectorizer the vectorizer name
	 * @param step the failure step requeued, or {@code null} for all
	 * @param requeued rows moved back to the work queue
	 * @param pending entries in the work queue now
	 * @param failed rows left in the failed queue
	 */
	public record RequeueDescriptor(String vectorizer, @Nullable String step, int requeued, long pending, long failed)
			implements OperationResponseBody {

	}

}
