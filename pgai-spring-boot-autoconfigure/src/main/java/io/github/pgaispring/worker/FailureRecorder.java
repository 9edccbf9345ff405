package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.embedding.EmbeddingException;
import io.github.pgaispring.embedding.EmbeddingRejectedException;
import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles rows that failed, in the batch transaction: each row either goes back to the queue with one
 * more attempt and a growing backoff, or, once its retries are used up, to the failed queue. Every
 * failure step of a batch is recorded once in {@code ai._vectorizer_errors} and
 * {@code ai._worker_progress}.
 */
final class FailureRecorder {

	private static final Log logger = LogFactory.getLog(FailureRecorder.class);

	private static final int KEYS_IN_DETAILS = 20;

	private final WorkerSettings settings;

	private final WorkerTracking tracking;

	FailureRecorder(WorkerSettings settings, WorkerTracking tracking) {
		this.settings = settings;
		this.tracking = tracking;
	}

	/**
	 * Re-queues or fails the rows and records the errors.
	 * @return how many rows were re-queued and how many moved to the failed queue
	 */
	Outcome record(Connection connection, Vectorizer vectorizer, QueueStatements sql, List<RowFailure> failures)
			throws SQLException {
		Map<FailureStep, List<RowFailure>> byStep = new EnumMap<>(FailureStep.class);
		failures.forEach((failure) -> byStep.computeIfAbsent(failure.step(), (step) -> new ArrayList<>()).add(failure));
		int retries = this.settings.retriesFor(vectorizer);
		Outcome total = new Outcome(0, 0, null);
		for (Map.Entry<FailureStep, List<RowFailure>> entry : byStep.entrySet()) {
			Outcome outcome = requeueOrFail(connection, sql, entry.getValue(), retries);
			String message = message(entry.getKey());
			insertError(connection, vectorizer, message,
					details(vectorizer, entry.getKey(), entry.getValue(), outcome, retries));
			String reason = reason(entry.getValue().get(0).cause());
			this.tracking.progress(connection, vectorizer.id(), 0, message + ": " + reason);
			log(vectorizer, entry.getKey(), entry.getValue(), outcome);
			total = new Outcome(total.retried() + outcome.retried(), total.failed() + outcome.failed(), message);
		}
		return total;
	}

	private Outcome requeueOrFail(Connection connection, QueueStatements sql, List<RowFailure> failures, int retries)
			throws SQLException {
		int retried = 0;
		int failed = 0;
		try (PreparedStatement requeue = connection.prepareStatement(sql.requeueForRetry());
				PreparedStatement fail = connection.prepareStatement(sql.insertFailed())) {
			for (RowFailure failure : failures) {
				ClaimedRow row = failure.row();
				if (row.attempts() >= retries || ProviderRejections.parkNow(failure, failures.size())) {
					int index = sql.bindKey(fail, sql.bindKey(fail, 1, row.key()), row.key());
					fail.setString(index, failure.step().sqlValue());
					fail.addBatch();
					failed++;
				}
				else {
					int retry = row.attempts() + 1;
					Duration delay = this.settings.backoffBeforeRetry(retry);
					int index = sql.bindKey(requeue, 1, row.key());
					requeue.setInt(index++, retry);
					requeue.setLong(index, delay.toMillis());
					requeue.addBatch();
					retried++;
				}
			}
			if (retried > 0) {
				requeue.executeBatch();
			}
			if (failed > 0) {
				fail.executeBatch();
			}
		}
		return new Outcome(retried, failed, null);
	}

	private ObjectNode details(Vectorizer vectorizer, FailureStep step, List<RowFailure> failures, Outcome outcome,
			int retries) {
		ObjectNode details = JsonMapper.shared().createObjectNode();
		details.put("error_reason", reason(failures.get(0).cause()));
		details.put("failure_step", step.sqlValue());
		if (step == FailureStep.EMBEDDING) {
			details.put("provider", vectorizer.config().embedding().implementation());
		}
		if (step == FailureStep.LOADING) {
			details.put("loader", vectorizer.loadingImplementation());
		}
		details.put("rows", failures.size());
		details.put("retrying", outcome.retried());
		details.put("moved_to_failed_queue", outcome.failed());
		ArrayNode keys = details.putArray("primary_keys");
		failures.stream().limit(KEYS_IN_DETAILS).forEach((failure) -> {
			ObjectNode key = keys.addObject();
			failure.row()
				.key()
				.describe(vectorizer.primaryKey())
				.forEach((name, value) -> key.put(name, String.valueOf(value)));
		});
		details.put("hint", hint(vectorizer, step, retries,
				(step == FailureStep.EMBEDDING) ? ProviderRejections.rejection(failures.get(0).cause()) : null, outcome));
		return details;
	}

	private static String hint(Vectorizer vectorizer, FailureStep step, int retries,
			@Nullable EmbeddingRejectedException rejection, Outcome outcome) {
		String fix = switch (step) {
			case LOADING -> "Check that config.loading.column_name ('" + vectorizer.loadingColumn() + "') exists in "
					+ vectorizer.sourceSchema() + "." + vectorizer.sourceTable() + " and holds text.";
			case CHUNKING -> "Check config.chunking against the row's text.";
			case FORMATTING -> "Check config.formatting: every $placeholder of the template must be a column of "
					+ vectorizer.sourceSchema() + "." + vectorizer.sourceTable() + ".";
			case EMBEDDING -> "Check the embedding provider (API key, model, rate limits, input length). Rows that "
					+ "failed in a batch are retried one by one, so a single bad row cannot block the others.";
			case WRITING -> "Check the destination: its embedding column must be vector("
					+ dimensionsOrUnknown(vectorizer) + ") and the worker's role needs INSERT and DELETE on it.";
		};
		String failedQueue = vectorizer.queueSchema() + "." + vectorizer.queueFailedTable();
		String retrying;
		if (rejection == null) {
			retrying = " Each row is retried " + retries + " times with growing backoff, then moved to " + failedQueue;
		}
		else if (rejection.failsEveryRequest() || outcome.retried() == 0) {
			retrying = " The provider's rejection does not change with another attempt, so the rows went to "
					+ failedQueue + " at once";
		}
		else {
			retrying = " The provider refused the request for its texts, so each row is tried once more, alone; a row"
					+ " refused alone goes to " + failedQueue;
		}
		String requeue = new QueueStatements(vectorizer).requeueFailed(true).replace("?", "'" + step.sqlValue() + "'");
		return fix + retrying + "; after fixing the cause, move them back in SQL (" + requeue
				+ ") or with VectorizerQueues.requeueFailed(vectorizer, FailureStep." + step.name() + ").";
	}

	private static String dimensionsOrUnknown(Vectorizer vectorizer) {
		try {
			return String.valueOf(vectorizer.dimensions());
		}
		catch (IllegalStateException ex) {
			return "N";
		}
	}

	static String message(FailureStep step) {
		return switch (step) {
			case LOADING -> "loading failed";
			case CHUNKING -> "chunking failed";
			case FORMATTING -> "formatting failed";
			case EMBEDDING -> "embedding provider failed";
			case WRITING -> "writing embeddings failed";
		};
	}

	/**
	 * The exception's message, followed by its root cause's when that adds something; an
	 * {@link EmbeddingException}'s message is complete as it is (its causes are library internals).
	 */
	static String reason(Throwable cause) {
		String reason = describe(cause);
		if (cause instanceof EmbeddingException) {
			return reason;
		}
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != cause && root.getMessage() != null && !reason.contains(root.getMessage())) {
			reason += " (caused by " + describe(root) + ")";
		}
		return reason;
	}

	private static String describe(Throwable throwable) {
		return (throwable.getMessage() != null) ? throwable.getMessage() : throwable.getClass().getName();
	}

	/** Records that the vectorizer's configuration cannot be processed. */
	static void recordConfigurationError(Connection connection, Vectorizer vectorizer, Exception error)
			throws SQLException {
		ObjectNode details = JsonMapper.shared().createObjectNode();
		details.put("error_reason", reason(error));
		details.put("hint", "No rows were claimed; they are processed once the vectorizer's config is fixed.");
		insertError(connection, vectorizer, "vectorizer configuration not supported", details);
	}

	private static void insertError(Connection connection, Vectorizer vectorizer, String message, ObjectNode details)
			throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("insert into ai._vectorizer_errors (id, message, details, recorded) "
					+ "values (?, ?, ?::jsonb, clock_timestamp())")) {
			insert.setInt(1, vectorizer.id());
			insert.setString(2, message);
			insert.setString(3, JsonMapper.shared().writeValueAsString(details));
			insert.executeUpdate();
		}
	}

	private static void log(Vectorizer vectorizer, FailureStep step, List<RowFailure> failures, Outcome outcome) {
		if (logger.isWarnEnabled()) {
			logger.warn(vectorizer + ": " + message(step) + " for " + failures.size() + " row(s) ("
					+ outcome.retried() + " will be retried, " + outcome.failed() + " moved to the failed queue): "
					+ reason(failures.get(0).cause()), (logger.isDebugEnabled() ? failures.get(0).cause() : null));
		}
	}

	/**
	 * What happened to failed rows.
	 *
	 * @param retried rows re-queued for another attempt
	 * @param failed rows moved to the failed queue
	 * @param lastMessage the last recorded error message, or {@code null}
	 */
	record Outcome(int retried, int failed, String lastMessage) {

	}

}
