package io.github.pgaispring.actuate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.pgaispring.actuate.PgaiEndpoint.BacklogDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.EmbeddingDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.ErrorDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.MigrationDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.PgaiDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.ProgressDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.VectorizerDescriptor;
import io.github.pgaispring.actuate.PgaiEndpoint.WorkerDescriptor;
import io.github.pgaispring.sql.DestinationColumnConfig;
import io.github.pgaispring.sql.DestinationConfig;
import io.github.pgaispring.sql.DestinationTableConfig;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.InvalidVectorizerConfigException;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerConfig;
import io.github.pgaispring.sql.VectorizerMigration;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what the endpoint and the health contributor show: the vectorizers from {@link VectorizerCatalog}, their
 * queue and failed-queue lengths from {@link VectorizerQueues}, their errors ({@code ai.vectorizer_errors}) and
 * worker progress ({@code ai.vectorizer_worker_progress}), the workers ({@code ai.vectorizer_worker_process}) and
 * what the application's own worker is working off.
 */
final class PgaiStatusReader {

	/** How far back {@code ai.vectorizer_worker_process} rows are listed. */
	private static final Duration LISTED_WORKERS = Duration.ofHours(1);

	/** Most workers listed. */
	private static final int MAX_WORKERS = 20;

	private final VectorizerCatalog catalog;

	private final VectorizerQueues queues;

	private final JdbcClient jdbc;

	private final @Nullable VectorizerWorker worker;

	private final VectorizerMigrations migrations;

	PgaiStatusReader(VectorizerCatalog catalog, VectorizerQueues queues, JdbcClient jdbc,
			@Nullable VectorizerWorker worker, VectorizerMigrations migrations) {
		this.migrations = migrations;
		this.catalog = catalog;
		this.queues = queues;
		this.jdbc = jdbc;
		this.worker = worker;
	}

	/** The application's own worker, if it runs one. */
	@Nullable VectorizerWorker worker() {
		return this.worker;
	}

	/**
	 * Reads the status.
	 * @param details whether to read errors and progress too (the endpoint) or only the queue lengths (health)
	 */
	PgaiDescriptor read(boolean details) {
		CatalogTables tables = this.jdbc.sql("""
				select to_regclass('ai.vectorizer') is not null, to_regclass('ai.vectorizer_errors') is not null,
				       to_regclass('ai.vectorizer_worker_process') is not null,
				       to_regclass('ai.vectorizer_worker_progress') is not null""")
			.query((rs, row) -> new CatalogTables(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
			.single();
		if (!tables.vectorizer()) {
			return new PgaiDescriptor(false, Map.of(), null, null);
		}
		WorkerStatus own = (this.worker != null) ? this.worker.status() : null;
		Map<Integer, ProgressDescriptor> progress = (details && tables.progress()) ? progress() : Map.of();
		Map<String, VectorizerDescriptor> vectorizers = new LinkedHashMap<>();
		Map<Integer, MigrationDescriptor> migrations = details ? migrations() : Map.of();
		for (Vectorizer vectorizer : this.catalog.findAll()) {
			long pending = this.queues.pending(vectorizer);
			long failed = this.queues.failed(vectorizer);
			Errors errors = (details && tables.errors()) ? errors(vectorizer) : Errors.NONE;
			vectorizers.put(vectorizer.name(),
					describe(vectorizer, pending, failed, errors, progress.get(vectorizer.id()), backlog(own, vectorizer, pending),
							migrations.get(vectorizer.id())));
		}
		List<WorkerDescriptor> workers = tables.workers() ? workers(own) : null;
		return new PgaiDescriptor(true, vectorizers, workers, null);
	}

	private static VectorizerDescriptor describe(Vectorizer vectorizer, long pending, long failed, Errors errors,
			@Nullable ProgressDescriptor progress, @Nullable BacklogDescriptor backlog,
			@Nullable MigrationDescriptor migration) {
		Optional<VectorizerConfig> config = vectorizer.storedConfig().ifReadable();
		String configurationError = null;
		if (config.isEmpty()) {
			try {
				vectorizer.config();
			}
			catch (InvalidVectorizerConfigException ex) {
				configurationError = ex.getMessage();
			}
		}
		EmbeddingDescriptor embedding = config.map(VectorizerConfig::embedding).map(PgaiStatusReader::embedding)
			.orElse(null);
		String store = config.map((readable) -> store(vectorizer)).orElse(null);
		return new VectorizerDescriptor(vectorizer.id(), vectorizer.sourceSchema() + "." + vectorizer.sourceTable(),
				store, embedding, vectorizer.disabled(), pending, failed, errors.lastHour(), errors.last(), progress,
				backlog, configurationError, migration);
	}

	/** The migrations in progress, by the id of the vectorizer being migrated. */
	private Map<Integer, MigrationDescriptor> migrations() {
		Map<Integer, MigrationDescriptor> migrations = new LinkedHashMap<>();
		for (VectorizerMigration migration : this.migrations.findAll()) {
			migrations.put(migration.vectorizerId(), new MigrationDescriptor(migration.target(), migration.targetStore(),
					migration.startedAt(), migration.backfillRows(), migration.pendingRows(), migration.percent(),
					migration.rowsPerSecond(), migration.eta(), migration.waitingFor()));
		}
		return migrations;
	}

	private static EmbeddingDescriptor embedding(EmbeddingConfig embedding) {
		return new EmbeddingDescriptor(embedding.implementation(), embedding.model(), embedding.dimensions());
	}

	private static String store(Vectorizer vectorizer) {
		DestinationConfig destination = vectorizer.destination();
		if (destination instanceof DestinationTableConfig table) {
			return table.targetSchema() + "." + table.targetTable();
		}
		if (destination instanceof DestinationColumnConfig column) {
			return vectorizer.sourceSchema() + "." + vectorizer.sourceTable() + "." + column.embeddingColumn();
		}
		return destination.toString();
	}

	private static @Nullable BacklogDescriptor backlog(@Nullable WorkerStatus own, Vectorizer vectorizer,
			long pending) {
		if (own == null) {
			return null;
		}
		return own.backlogs().stream().filter((backlog) -> backlog.vectorizer().equals(vectorizer.name())).findFirst()
			.map((backlog) -> {
				long total = backlog.rows() + pending;
				Duration eta = (backlog.rowsPerSecond() > 0)
						? Duration.ofSeconds(Math.round(pending / backlog.rowsPerSecond())) : null;
				return new BacklogDescriptor(backlog.rows(), pending,
						(total > 0) ? (int) (backlog.rows() * 100 / total) : 100,
						Math.round(backlog.rowsPerSecond() * 10) / 10.0, backlog.started(), eta);
			})
			.orElse(null);
	}

	private Errors errors(Vectorizer vectorizer) {
		long lastHour = this.jdbc
			.sql("select count(*) from ai.vectorizer_errors where id = ? and recorded > now() - interval '1 hour'")
			.param(vectorizer.id())
			.query(Long.class)
			.single();
		ErrorDescriptor last = this.jdbc
			.sql("select message, details::text, recorded from ai.vectorizer_errors where id = ? "
					+ "order by recorded desc limit 1")
			.param(vectorizer.id())
			.query((rs, row) -> new ErrorDescriptor(rs.getString(1), details(rs.getString(2)),
					rs.getObject(3, OffsetDateTime.class)))
			.optional()
			.orElse(null);
		return new Errors(lastHour, last);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> details(@Nullable String json) {
		return (json != null) ? JsonMapper.shared().readValue(json, Map.class) : null;
	}

	private Map<Integer, ProgressDescriptor> progress() {
		Map<Integer, ProgressDescriptor> progress = new LinkedHashMap<>();
		this.jdbc.sql("""
				select vectorizer_id, success_count, error_count, last_success_at, last_success_process_id,
				       last_error_at, last_error_message, last_error_process_id
				from ai.vectorizer_worker_progress""").query((rs) -> {
			progress.put(rs.getInt(1), new ProgressDescriptor(rs.getLong(2), rs.getLong(3),
					rs.getObject(4, OffsetDateTime.class), rs.getObject(5, UUID.class),
					rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, UUID.class)));
		});
		return progress;
	}

	private List<WorkerDescriptor> workers(@Nullable WorkerStatus own) {
		UUID ownId = (own != null) ? own.workerId() : null;
		return this.jdbc.sql("""
				select id, version, started, last_heartbeat,
				       (extract(epoch from expected_heartbeat_interval) * 1000)::bigint,
				       last_heartbeat + 2 * expected_heartbeat_interval >= now(),
				       heartbeat_count, success_count, error_count, last_error_at, last_error_message
				from ai.vectorizer_worker_process
				where last_heartbeat > now() - ? * interval '1 second'
				order by last_heartbeat desc limit ?""")
			.param(LISTED_WORKERS.toSeconds())
			.param(MAX_WORKERS)
			.query((rs, row) -> {
				UUID id = rs.getObject(1, UUID.class);
				return new WorkerDescriptor(id, rs.getString(2), rs.getObject(3, OffsetDateTime.class),
						rs.getObject(4, OffsetDateTime.class), Duration.ofMillis(rs.getLong(5)), rs.getBoolean(6),
						rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getObject(10, OffsetDateTime.class),
						rs.getString(11), id.equals(ownId));
			})
			.list();
	}

	private record CatalogTables(boolean vectorizer, boolean errors, boolean workers, boolean progress) {

	}

	private record Errors(long lastHour, @Nullable ErrorDescriptor last) {

		static final Errors NONE = new Errors(0, null);

	}

}
