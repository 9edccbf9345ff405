package io.github.pgaispring.jpa;

import java.util.Arrays;

/**
 * Reads pgvector's text form of a vector, {@code [0.04408308,-1.3819076e-05,…]}, into a {@code float[]} without a
 * string per element, giving bit for bit the floats {@link Float#parseFloat(String)} gives.
 * <p>
 * pgvector prints each element as the shortest decimal that reads back as the same float, at most nine significant
 * digits. A decimal {@code m × 10^e} with {@code m < 10^15} and {@code |e| <= 22} is one correctly rounded double
 * operation away, as {@code m} and {@code 10^|e|} are exact doubles; rounding that double to float gives the float
 * the decimal rounds to unless the double is exactly a point halfway between two floats (a double itself), where
 * the decimal could lie on either side. Those rare elements, values below the normal floats, and any element of
 * another form, are read by {@code Float.parseFloat}.
 */
final class PgVectorText {

	private static final int MAX_DIGITS = 15;

	/** The bits of a double's significand below those a float keeps. */
	private static final long LOW_BITS = (1L << 29) - 1;

	private static final long HALF = 1L << 28;

	private static final double[] POWERS_OF_TEN = new double[23];

	static {
		double power = 1;
		for (int i = 0; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = power;
			power *= 10;
		}
	}

	private PgVectorText() {
	}

	/**
	 * Parses a vector in one pass over the text: each element is read up to the comma or closing bracket that ends
	 * it; elements of another form go to {@code Float.parseFloat}, which rejects what is no number.
	 * @param text pgvector's text form
	 * @return the elements
	 * @throws NumberFormatException if the text is not a vector of numbers
	 */
	static float[] parse(String text) {
		int last = text.length() - 1;
		if (last < 1 || text.charAt(0) != '[' || text.charAt(last) != ']') {
			throw new NumberFormatException("Not a pgvector value: " + abbreviated(text));
		}
		if (last == 1) {
			return new float[0];
		}
		// pgvector writes at most about 15 characters per element
		float[] vector = new float[last / 8 + 1];
		int count = 0;
		int i = 1;
		while (true) {
			int start = i;
			char c = text.charAt(i);
			boolean negative = c == '-';
			if (negative || c == '+') {
				c = text.charAt(++i);
			}
			long mantissa = 0;
			int digits = 0;
			int exponent = 0;
			int digitsFrom = i;
			while (c >= '0' && c <= '9') {
				mantissa = mantissa * 10 + (c - '0');
				digits += (mantissa != 0) ? 1 : 0;
				c = text.charAt(++i);
			}
			boolean anyDigit = i > digitsFrom;
			if (c == '.') {
				c = text.charAt(++i);
				digitsFrom = i;
				while (c >= '0' && c <= '9') {
					mantissa = mantissa * 10 + (c - '0');
					digits += (mantissa != 0) ? 1 : 0;
					exponent--;
					c = text.charAt(++i);
				}
				anyDigit |= i > digitsFrom;
			}
			boolean simple = anyDigit && digits <= MAX_DIGITS;
			if (simple && (c == 'e' || c == 'E')) {
				c = text.charAt(++i);
				boolean negativeExponent = c == '-';
				if (negativeExponent || c == '+') {
					c = text.charAt(++i);
				}
				int explicit = 0;
				digitsFrom = i;
				while (c >= '0' && c <= '9' && i - digitsFrom < 4) {
					explicit = explicit * 10 + (c - '0');
					c = text.charAt(++i);
				}
				simple = i > digitsFrom;
				exponent += negativeExponent ? -explicit : explicit;
			}
			float element;
			if (simple && (i == last || c == ',') && (mantissa == 0 || (exponent >= -22 && exponent <= 22))) {
				element = (mantissa == 0) ? 0.0f : fast(mantissa, exponent);
				if (Float.isNaN(element)) {
					element = Float.parseFloat(text.substring(start, i));
				}
				else if (negative) {
					element = -element;
				}
			}
			else {
				i = text.indexOf(',', start);
				if (i < 0) {
					i = last;
				}
				element = Float.parseFloat(text.substring(start, i));
			}
			if (count == vector.length) {
				vector = Arrays.copyOf(vector, count * 2);
			}
			vector[count++] = element;
			if (i == last) {
				return (count == vector.length) ? vector : Arrays.copyOf(vector, count);
			}
			i++;
		}
	}

	/**
	 * The float of {@code mantissa × 10^exponent} ({@code |exponent| <= 22}, {@code mantissa} of at most
	 * {@code MAX_DIGITS} digits, not zero), or NaN where only {@code Float.parseFloat} knows it.
	 */
	private static float fast(long mantissa, int exponent) {
		double value = (exponent < 0) ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
		float result = (float) value;
		return (value < Float.MIN_NORMAL || Float.isInfinite(result) || halfway(value)) ? Float.NaN : result;
	}

	/**
	 * Whether {@code value}, a double in the range of normal floats, lies exactly halfway between two floats:
	 * its 29 bits below the float's 24 are {@code 1000…0}. Only there can rounding the double to float differ
	 * from rounding the decimal, which lies within half a double ulp of it (every halfway point is a double).
	 */
	private static boolean halfway(double value) {
		return (Double.doubleToRawLongBits(value) & LOW_BITS) == HALF;
	}

	private static String abbreviated(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
