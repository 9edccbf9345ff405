package io.github.pgaispring.embedding;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Marks one search on the calling thread, so that its time outside the model counts against the searches'
 * share of the in-process model's {@link OnnxScheduler}.
 * <p>
 * A search that embeds its text with an {@link OnnxEmbedder} spends a few milliseconds in the model and often
 * several times that in its statement (the database's distance computations, fetching and mapping the rows). That
 * CPU is taken from the same cores as the model's, so a scheduler that only saw the model's time would let a stream
 * of searches take far more of the machine than their share. Within {@link #run}, the time the search spent outside
 * {@link Embedder#embedQuery} is {@linkplain OnnxScheduler#charge charged} to the scheduler's query workload when
 * the search ends. Searches that embed nothing in process (a vector given, an HTTP provider) are not charged. The
 * time is the caller's wall-clock time, the cost the search put on the machine as far as the JVM can see it.
 * Only a scheduler created to charge search statements does ({@code pgai.onnx.charge-search-statements}, off by
 * default: wall-clock time grows with the machine's load, and charging it held back searches that arrive like web
 * requests). Repository search methods run in a scope; code that embeds a query and runs its own statement can use
 * one too.
 */
public final class SearchScope {

	private static final ThreadLocal<@Nullable SearchScope> current = new ThreadLocal<>();

	private @Nullable OnnxScheduler scheduler;

	private long embeddingNanos;

	private SearchScope() {
	}

	/**
	 * Runs a search in a scope (or in the scope already open on this thread).
	 * @param <T> the result type
	 * @param search the search: embedding its text and running its statement
	 * @return its result
	 */
	public static <T> T run(Supplier<T> search) {
		if (current.get() != null) {
			return search.get();
		}
		SearchScope scope = new SearchScope();
		current.set(scope);
		long started = System.nanoTime();
		try {
			return search.get();
		}
		finally {
			current.remove();
			OnnxScheduler scheduler = scope.scheduler;
			if (scheduler != null) {
				scheduler.charge(OnnxScheduler.Workload.QUERIES, System.nanoTime() - started - scope.embeddingNanos);
			}
		}
	}

	/** Records that the current search (if any) spent this long embedding its text on the scheduler. */
	static void embedded(OnnxScheduler scheduler, long nanos) {
		SearchScope scope = current.get();
		if (scope != null) {
			scope.scheduler = scheduler;
			scope.embeddingNanos += nanos;
		}
	}

}
