package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every few milliseconds while a measured phase runs. The phase starts after a
 * full GC, so {@link #startBytes()} is the heap retained before it (corpus, caches, baseline data) and
 * {@link #peakBytes()} minus that is what the phase added at most, garbage included.
 */
final class HeapSampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 5;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peak = new AtomicLong();

	private final long start;

	private final Thread sampler;

	private volatile boolean running = true;

	private HeapSampler() {
		System.gc();
		this.start = used();
		this.peak.set(this.start);
		this.sampler = new Thread(this::sample, "heap-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/** Runs a full GC and starts sampling. */
	static HeapSampler start() {
		return new HeapSampler();
	}

	/** The used heap after the GC that started the phase. */
	long startBytes() {
		return this.start;
	}

	/** The highest used heap seen so far. */
	long peakBytes() {
		this.peak.accumulateAndGet(used(), Math::max);
		return this.peak.get();
	}

	private void sample() {
		while (this.running) {
			this.peak.accumulateAndGet(used(), Math::max);
			try {
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private long used() {
		return this.memory.getHeapMemoryUsage().getUsed();
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
	}

}
