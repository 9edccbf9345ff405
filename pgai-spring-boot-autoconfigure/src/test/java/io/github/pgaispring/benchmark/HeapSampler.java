package io.github.pgaispring.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Samples the used heap every few milliseconds while a measured phase runs. The phase starts after a
 * full GC, so {@link #startBytes()} is the heap retained before it (corpus, caches, baseline data) and
 * {@link #peakBytes()} minus that is what the phase added at most, garbage included. With a large heap
 * the peak mostly shows how far the collector lets the young generation grow; a sampler started with
 * {@link #withLiveSets} also runs a full GC each time the phase's progress crosses one of a fixed number of equal
 * steps and records the heap left after it, the phase's live set ({@link #peakLiveBytes()}). Sampling by progress
 * rather than by time gives a short phase and a long one the same number of chances to catch what is in memory
 * while work is under way.
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

	private HeapSampler(LongSupplier done, long total, int liveSamples) {
		System.gc();
		this.start = used();
		this.peak.set(this.start);
		this.peakLive.set(this.start);
		this.sampler = new Thread(this::sample, "heap-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
		if (liveSamples > 0) {
			this.liveSampler = new Thread(() -> sampleLive(done, total, liveSamples), "heap-live-sampler");
			this.liveSampler.setDaemon(true);
			this.liveSampler.start();
		}
		else {
			this.liveSampler = null;
		}
	}

	/** Runs a full GC and starts sampling. */
	static HeapSampler start() {
		return new HeapSampler(() -> 0, 0, 0);
	}

	/**
	 * Runs a full GC, starts sampling, and records the heap after a full GC whenever {@code done} reaches another
	 * {@code 1 / samples} of {@code total}.
	 * @param done the phase's progress so far
	 * @param total the progress at which the phase ends
	 * @param samples how many live sets to record
	 */
	static HeapSampler withLiveSets(LongSupplier done, long total, int samples) {
		return new HeapSampler(done, total, samples);
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

	/** The highest heap left after the progress-driven full GCs (the start's if there were none). */
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

	private void sampleLive(LongSupplier done, long total, int samples) {
		int taken = 0;
		while (this.running && taken < samples) {
			// the last step is taken just before the end, while the final batches are still in memory
			long next = Math.max(1, (long) (total * ((taken + 0.5) / samples)));
			if (done.getAsLong() >= next) {
				System.gc();
				this.peakLive.accumulateAndGet(used(), Math::max);
				taken++;
				continue;
			}
			try {
				Thread.sleep(1);
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
		if (this.liveSampler != null) {
			this.liveSampler.interrupt();
		}
	}

}
