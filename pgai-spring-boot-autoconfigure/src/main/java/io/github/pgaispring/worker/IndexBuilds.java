package io.github.pgaispring.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import javax.sql.DataSource;

import io.github.pgaispring.sql.IndexingHnswConfig;
import io.github.pgaispring.sql.Vectorizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * When the worker looks for due HNSW indexes ({@link VectorIndexCreator}): after a vectorizer's queue ran empty
 * following work (and once per vectorizer after start), and, for {@code create_when_queue_empty = false}, at every
 * progress report while a backfill runs. A running worker builds on a thread of its own
 * ({@code pgai-worker-index}, one build at a time), so that neither the batches nor the poller wait for a build
 * that takes a minute; {@link VectorizerWorker#runOnce} builds in the calling thread. A build still running when
 * the worker stops is abandoned with its connection, which leaves an invalid index that the next build replaces.
 */
final class IndexBuilds implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(IndexBuilds.class);

	private final DataSource dataSource;

	private final ExecutorService executor;

	private final Set<Integer> checked = ConcurrentHashMap.newKeySet();

	private final Set<Integer> pending = ConcurrentHashMap.newKeySet();

	private IndexBuilds(DataSource dataSource, ExecutorService executor) {
		this.dataSource = dataSource;
		this.executor = executor;
	}

	/** Builds on a thread of their own. */
	static IndexBuilds inBackground(DataSource dataSource) {
		return new IndexBuilds(dataSource, Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "pgai-worker-index");
			thread.setDaemon(true);
			return thread;
		}));
	}

	/** Builds in the calling thread. */
	static IndexBuilds inCallingThread(DataSource dataSource) {
		return new IndexBuilds(dataSource, null);
	}

	/**
	 * The vectorizer's queue ran empty.
	 * @param embedded the rows embedded since it last ran empty
	 */
	void queueEmptied(Vectorizer vectorizer, long embedded) {
		if (embedded > 0 || this.checked.add(vectorizer.id())) {
			request(vectorizer);
		}
	}

	/** A backfill of the vectorizer is running: builds now if its index need not wait for an empty queue. */
	void backfillRunning(Vectorizer vectorizer) {
		if (vectorizer.storedConfig().ifReadable().map((config) -> config.indexing()).orElse(null)
				instanceof IndexingHnswConfig hnsw && !hnsw.createWhenQueueEmptyOrDefault()) {
			request(vectorizer);
		}
	}

	private void request(Vectorizer vectorizer) {
		if (this.executor == null) {
			build(vectorizer);
			return;
		}
		if (this.pending.add(vectorizer.id())) {
			try {
				this.executor.execute(() -> {
					try {
						build(vectorizer);
					}
					finally {
						this.pending.remove(vectorizer.id());
					}
				});
			}
			catch (RejectedExecutionException ex) {
				this.pending.remove(vectorizer.id());
			}
		}
	}

	private void build(Vectorizer vectorizer) {
		try {
			VectorIndexCreator.createIfDue(this.dataSource, vectorizer);
		}
		catch (RuntimeException ex) {
			logger.warn(vectorizer + ": creating its HNSW index failed; will try again after the next batch: "
					+ ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
