package io.github.pgaispring.benchmark;

import java.util.Locale;

/** Prints benchmark results as aligned {@code label: value} lines under section headings. */
final class Report {

	private static final int LABEL_WIDTH = 58;

	private Report() {
	}

	/** Prints a section heading. */
	static void section(String title) {
		System.out.println();
		System.out.println("## " + title);
	}

	/** Prints one result line; {@code format} and {@code arguments} as in {@link String#format}. */
	static void line(String label, String format, Object... arguments) {
		String dots = ".".repeat(Math.max(2, LABEL_WIDTH - label.length()));
		System.out.println("  " + label + " " + dots + " " + String.format(Locale.ROOT, format, arguments));
	}

	/** Prints a free-form note. */
	static void note(String text) {
		System.out.println("  " + text);
	}

	/** Mebibytes, for memory figures. */
	static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/** Seconds, from nanoseconds. */
	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** Whether {@code value} meets a goal, for the verdict column. */
	static String verdict(boolean met) {
		return met ? "goal met" : "GOAL MISSED";
	}

}
