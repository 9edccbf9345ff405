package io.github.pgaispring.worker;

import java.util.Map;

/**
 * A queue entry claimed by a batch, with its source row.
 *
 * @param key the primary key
 * @param attempts failed attempts so far ({@code loading_retries}; the highest among duplicate queue rows)
 * @param source the source row by column name, or {@code null} if the row was deleted after it was queued
 * @param mayHaveChunks whether the store held chunks of the key when the claim started (a hint for
 * {@link ChunkReuse}, see {@code QueueStatements#claim})
 */
record ClaimedRow(PrimaryKey key, int attempts, Map<String, Object> source, boolean mayHaveChunks) {

	boolean sourceDeleted() {
		return this.source == null;
	}

}
