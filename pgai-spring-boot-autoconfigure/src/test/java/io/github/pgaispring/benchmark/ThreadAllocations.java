package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated by the threads whose names start with a prefix, between {@link #start} and
 * {@link #allocatedBytes()} (HotSpot's per-thread allocation counters). Threads must still be alive when
 * read; threads that ended in between are not counted.
 */
final class ThreadAllocations {

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final String prefix;

	private final Map<Long, Long> before;

	private ThreadAllocations(String prefix) {
		this.prefix = prefix;
		this.before = snapshot();
	}

	/**
	 * Records the current counters.
	 * @param prefix the thread name prefix
	 * @return the starting point
	 */
	static ThreadAllocations start(String prefix) {
		return new ThreadAllocations(prefix);
	}

	/** The bytes the matching threads allocated since {@link #start}. */
	long allocatedBytes() {
		long total = 0;
		for (Map.Entry<Long, Long> entry : snapshot().entrySet()) {
			total += entry.getValue() - this.before.getOrDefault(entry.getKey(), 0L);
		}
		return total;
	}

	private Map<Long, Long> snapshot() {
		Map<Long, Long> allocated = new HashMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith(this.prefix)) {
				allocated.put(thread.getId(), this.threads.getThreadAllocatedBytes(thread.getId()));
			}
		}
		return allocated;
	}

}
