package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values (times, rates) with their order statistics. */
final class Samples {

	private final List<Double> values = new ArrayList<>();

	/** Adds a value. */
	void add(double value) {
		this.values.add(value);
	}

	/** The values, in the order added. */
	List<Double> values() {
		return Collections.unmodifiableList(this.values);
	}

	/** The number of values. */
	int count() {
		return this.values.size();
	}

	/** The median. */
	double median() {
		return percentile(50);
	}

	/**
	 * A percentile by the nearest-rank method.
	 * @param percent between 0 (exclusive) and 100
	 * @return the value
	 */
	double percentile(double percent) {
		List<Double> sorted = sorted();
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	/** The arithmetic mean. */
	double mean() {
		return this.values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	/** The largest value. */
	double max() {
		return sorted().get(this.values.size() - 1);
	}

	private List<Double> sorted() {
		if (this.values.isEmpty()) {
			throw new IllegalStateException("No samples");
		}
		List<Double> sorted = new ArrayList<>(this.values);
		Collections.sort(sorted);
		return sorted;
	}

}
