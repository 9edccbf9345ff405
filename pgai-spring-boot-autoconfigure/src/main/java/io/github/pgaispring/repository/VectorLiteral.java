package io.github.pgaispring.repository;

/**
 * Writes a query vector in pgvector's text form, {@code [440830812e-10,-2,5e-1]}, reading back as exactly
 * the floats given, for a fraction of the CPU of {@link Float#toString(float)}.
 * <p>
 * Each element is written with nine significant digits, as an integer mantissa and a decimal exponent, which
 * pgvector's {@code strtof} reads. Nine digits always identify a float: the decimals of nine digits next to a
 * float are at most a third of its distance to either neighbour apart, so the nearest one, computed here with a
 * double multiplication or division whose error is a hundred-millionth of that spacing, lies nearer to the float
 * than to its neighbours. Trailing zeros of the mantissa are dropped; zeros, and elements that are not finite
 * (which pgvector rejects with its own error), are written as {@code Float.toString} writes them.
 */
final class VectorLiteral {

	private static final int DIGITS = 9;

	/** A sign, nine digits, {@code e-}, two exponent digits. */
	private static final int MAX_ELEMENT_LENGTH = 14;

	private static final double LOG10_2 = Math.log10(2);

	private static final long LOWEST_MANTISSA = 100_000_000L;

	private static final long MANTISSA_LIMIT = 1_000_000_000L;

	/** {@code 10^0} to {@code 10^22} are exact doubles. */
	private static final int EXACT_POWERS = 22;

	/** {@code 10^(i - MIN_SCALE)}, from {@code 10^-46} (below the smallest float) to {@code 10^55}. */
	private static final double[] POWERS_OF_TEN = new double[102];

	private static final int MIN_SCALE = 46;

	static {
		for (int i = 0; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = Double.parseDouble("1e" + (i - MIN_SCALE));
		}
	}

	private VectorLiteral() {
	}

	/**
	 * The text form of a vector.
	 * @param vector the elements
	 * @return {@code [e1,e2,…]}
	 */
	static String of(float[] vector) {
		char[] text = new char[vector.length * (MAX_ELEMENT_LENGTH + 1) + 2];
		int length = 0;
		text[length++] = '[';
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				text[length++] = ',';
			}
			length = write(vector[i], text, length);
		}
		text[length++] = ']';
		return new String(text, 0, length);
	}

	/** Writes an element at {@code position}; returns the position after it. */
	private static int write(float element, char[] text, int position) {
		if (element == 0 || !Float.isFinite(element)) {
			String special = Float.toString(element);
			special.getChars(0, special.length(), text, position);
			return position + special.length();
		}
		double value = Math.abs((double) element);
		// log10(2) * binary exponent is at most one below the decimal exponent
		int exponent = (int) Math.floor(Math.getExponent(value) * LOG10_2);
		if (value >= POWERS_OF_TEN[MIN_SCALE + exponent + 1]) {
			exponent++;
		}
		int scale = DIGITS - 1 - exponent;
		long mantissa = mantissa(value, scale);
		if (mantissa >= MANTISSA_LIMIT) {
			mantissa = mantissa(value, --scale);
		}
		else if (mantissa < LOWEST_MANTISSA) {
			mantissa = mantissa(value, ++scale);
		}
		while (mantissa % 10 == 0) {
			mantissa /= 10;
			scale--;
		}
		int at = position;
		if (element < 0) {
			text[at++] = '-';
		}
		int digits = digits(mantissa);
		for (int i = at + digits - 1; i >= at; i--) {
			text[i] = (char) ('0' + (int) (mantissa % 10));
			mantissa /= 10;
		}
		at += digits;
		if (scale != 0) {
			text[at++] = 'e';
			int shown = -scale;
			if (shown < 0) {
				text[at++] = '-';
				shown = -shown;
			}
			if (shown >= 10) {
				text[at++] = (char) ('0' + shown / 10);
			}
			text[at++] = (char) ('0' + shown % 10);
		}
		return at;
	}

	private static int digits(long mantissa) {
		int digits = 1;
		for (long limit = 10; digits < DIGITS && mantissa >= limit; limit *= 10) {
			digits++;
		}
		return digits;
	}

	/** {@code value × 10^scale}, rounded to a whole number. */
	private static long mantissa(double value, int scale) {
		double scaled = (scale < 0 && -scale <= EXACT_POWERS) ? value / POWERS_OF_TEN[MIN_SCALE - scale]
				: value * POWERS_OF_TEN[MIN_SCALE + scale];
		return Math.round(scaled);
	}

}
