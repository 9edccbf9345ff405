package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every few milliseconds while a measured phase runs. The phase starts after a
 * full GC, so {@link #startBytes()} is the heap retained before it (corpus, caches, baseline data) and
 * {@link #peakBytes()} minus that is what the phase added at most, garbage included. With a large heap
 * the peak mostly shows how far the collector lets the young generation grow; a sampler started with
 * {@link #withLiveSets} also runs a full GC at a fixed interval and records the heap left after it, the
 * phase's live set ({@link #peakLiveBytes()}).
 */
final class HeapSampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 5;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peak = new AtomicLong();

	private final AtomicLong peakLive = new AtomicLong();

	private final long start;

	private final Thread sampler;

	private final Thread liveSampler;

	private volatile boolean running = true;

	private HeapSampler(Duration liveEvery) {
		System.gc();
		this.start = used();
		this.peak.set(this.start);
		this.peakLive.set(this.start);
		this.sampler = new Thread(this::sample, "heap-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
		if (liveEvery != null) {
			this.liveSampler = new Thread(() -> sampleLive(liveEvery), "heap-live-sampler");
			this.liveSampler.setDaemon(true);
			this.liveSampler.start();
		}
		else {
			this.liveSampler = null;
		}
	}

	/** Runs a full GC and starts sampling. */
	static HeapSampler start() {
		return new HeapSampler(null);
	}

	/** Runs a full GC, starts sampling, and records the heap after a full GC every {@code every}. */
	static HeapSampler withLiveSets(Duration every) {
		return new HeapSampler(every);
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

	/** The highest heap left after the periodic full GCs (the start's if there were none). */
	long peakLiveBytes() {
		return this.peakLive.get();
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

	private void sampleLive(Duration every) {
		while (this.running) {
			try {
				Thread.sleep(every.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			System.gc();
			this.peakLive.accumulateAndGet(used(), Math::max);
		}
	}

	private long used() {
		return this.memory.getHeapMemoryUsage().getUsed();
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
		if (this.liveSampler != null) {
			this.liveSampler.interrupt();
		}
	}

}
