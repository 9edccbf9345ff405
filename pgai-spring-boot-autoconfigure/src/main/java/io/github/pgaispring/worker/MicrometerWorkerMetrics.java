package io.github.pgaispring.worker;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.pgaispring.sql.Vectorizer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes worker metrics to Micrometer, tagged with the vectorizer name:
 * <ul>
 * <li>{@code pgai.vectorizer.rows} (counter): source rows embedded;</li>
 * <li>{@code pgai.vectorizer.chunks} (counter): chunks (embeddings) written;</li>
 * <li>{@code pgai.vectorizer.failures} (counter, tag {@code outcome} = {@code retry} or
 * {@code failed_queue}): rows that failed;</li>
 * <li>{@code pgai.vectorizer.embedding.calls} (counter): calls to the embedding model or provider, one per
 * {@code batch_size} rows;</li>
 * <li>{@code pgai.vectorizer.batch} (timer, tag {@code status}): latency of a batch transaction (one or more
 * batches of a large backlog);</li>
 * <li>{@code pgai.vectorizer.queue.depth} (gauge): queue entries waiting.</li>
 * </ul>
 */
public final class MicrometerWorkerMetrics implements WorkerMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> queueDepths = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry where to register the meters
	 */
	public MicrometerWorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void batchCompleted(Vectorizer vectorizer, BatchResult result) {
		String name = vectorizer.name();
		counter("pgai.vectorizer.rows", "Source rows embedded", name).increment(result.embeddedRows());
		counter("pgai.vectorizer.chunks", "Chunks embedded and written", name).increment(result.chunks());
		counter("pgai.vectorizer.embedding.calls", "Calls to the embedding model or provider", name)
			.increment(result.embeddingCalls());
		if (result.retriedRows() > 0) {
			failures(name, "retry").increment(result.retriedRows());
		}
		if (result.failedRows() > 0) {
			failures(name, "failed_queue").increment(result.failedRows());
		}
		Timer.builder("pgai.vectorizer.batch")
			.description("Time to claim, embed and write one batch transaction")
			.tag("vectorizer", name)
			.tag("status", result.status().name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(result.elapsed());
	}

	@Override
	public void queueDepth(Vectorizer vectorizer, long depth) {
		this.queueDepths.computeIfAbsent(vectorizer.name(), (name) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("pgai.vectorizer.queue.depth", value, AtomicLong::get)
				.description("Queue entries waiting to be embedded")
				.tag("vectorizer", name)
				.register(this.registry);
			return value;
		}).set(depth);
	}

	private Counter counter(String meter, String description, String vectorizer) {
		return Counter.builder(meter).description(description).tag("vectorizer", vectorizer).register(this.registry);
	}

	private Counter failures(String vectorizer, String outcome) {
		return Counter.builder("pgai.vectorizer.failures")
			.description("Rows that failed; retried later or moved to the failed queue")
			.tag("vectorizer", vectorizer)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
