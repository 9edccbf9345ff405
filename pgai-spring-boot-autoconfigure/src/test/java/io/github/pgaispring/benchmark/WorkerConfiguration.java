package io.github.pgaispring.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * How a benchmarked worker runs: its thread count and batch size.
 *
 * @param threads the worker's threads
 * @param batchSize source rows per batch, {@code null} for the vectorizer's own (pgai's default 50)
 */
record WorkerConfiguration(int threads, Integer batchSize) {

	/**
	 * Parses a comma-separated list such as {@code 1,2,1x500}: a thread count, optionally followed by
	 * {@code x} and a batch size.
	 * @param list the list
	 * @return the configurations
	 */
	static List<WorkerConfiguration> parse(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).map((item) -> {
			String[] parts = item.split("x", 2);
			return new WorkerConfiguration(Integer.parseInt(parts[0]),
					(parts.length > 1) ? Integer.valueOf(parts[1]) : null);
		}).toList();
	}

	/** Whether this is pgai's default: one thread, the vectorizer's batch size (50). */
	boolean isDefault() {
		return this.threads == 1 && this.batchSize == null;
	}

	@Override
	public String toString() {
		return this.threads + " thread(s), batch " + ((this.batchSize != null) ? this.batchSize : "50 (default)");
	}

}
