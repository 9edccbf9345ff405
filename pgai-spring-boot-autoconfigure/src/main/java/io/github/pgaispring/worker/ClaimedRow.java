package io.github.pgaispring.worker;

import java.util.Map;

/**
 * A queue entry claimed by a batch, with its source row.
 *
 * @param key the primary key
 * @param attempts failed attempts so far ({@code loading_retries}; the highest among duplicate queue rows)
 * @param source the source row by column name, or {@code null} if the row was deleted after it was queued
 */
record ClaimedRow(PrimaryKey key, int attempts, Map<String, Object> source) {

	boolean sourceDeleted() {
		return this.source == null;
	}

}
