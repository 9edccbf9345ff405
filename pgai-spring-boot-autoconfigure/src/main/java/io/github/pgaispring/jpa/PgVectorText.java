package io.github.pgaispring.jpa;

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
	 * Parses a vector.
	 * @param text pgvector's text form
	 * @return the elements
	 * @throws NumberFormatException if the text is not a vector of numbers
	 */
	static float[] parse(String text) {
		int length = text.length();
		if (length < 2 || text.charAt(0) != '[' || text.charAt(length - 1) != ']') {
			throw new NumberFormatException("Not a pgvector value: " + abbreviated(text));
		}
		int count = 0;
		if (length > 2) {
			count = 1;
			for (int comma = text.indexOf(',', 1); comma >= 0; comma = text.indexOf(',', comma + 1)) {
				count++;
			}
		}
		float[] vector = new float[count];
		int start = 1;
		for (int i = 0; i < count; i++) {
			int end = (i < count - 1) ? text.indexOf(',', start) : length - 1;
			vector[i] = parseFloat(text, start, end);
			start = end + 1;
		}
		return vector;
	}

	/** The float of {@code text[start, end)}, as {@code Float.parseFloat} reads it. */
	static float parseFloat(String text, int start, int end) {
		int i = start;
		boolean negative = false;
		if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
			negative = text.charAt(i) == '-';
			i++;
		}
		long mantissa = 0;
		int digits = 0;
		int exponent = 0;
		boolean anyDigit = false;
		boolean fraction = false;
		for (; i < end; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				anyDigit = true;
				if (mantissa != 0 || c != '0') {
					if (++digits > MAX_DIGITS) {
						return slow(text, start, end);
					}
					mantissa = mantissa * 10 + (c - '0');
				}
				if (fraction) {
					exponent--;
				}
			}
			else if (c == '.' && !fraction) {
				fraction = true;
			}
			else {
				break;
			}
		}
		if (!anyDigit) {
			return slow(text, start, end);
		}
		if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			boolean negativeExponent = false;
			if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
				negativeExponent = text.charAt(i) == '-';
				i++;
			}
			int explicit = 0;
			int exponentDigits = 0;
			for (; i < end && exponentDigits < 4; i++, exponentDigits++) {
				char c = text.charAt(i);
				if (c < '0' || c > '9') {
					break;
				}
				explicit = explicit * 10 + (c - '0');
			}
			if (exponentDigits == 0) {
				return slow(text, start, end);
			}
			exponent += negativeExponent ? -explicit : explicit;
		}
		if (i != end) {
			return slow(text, start, end);
		}
		if (mantissa == 0) {
			return negative ? -0.0f : 0.0f;
		}
		if (exponent < -22 || exponent > 22) {
			return slow(text, start, end);
		}
		double value = (exponent < 0) ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
		float result = (float) value;
		if (value < Float.MIN_NORMAL || Float.isInfinite(result) || halfway(value)) {
			return slow(text, start, end);
		}
		return negative ? -result : result;
	}

	/**
	 * Whether {@code value}, a double in the range of normal floats, lies exactly halfway between two floats:
	 * its 29 bits below the float's 24 are {@code 1000…0}. Only there can rounding the double to float differ
	 * from rounding the decimal, which lies within half a double ulp of it (every halfway point is a double).
	 */
	private static boolean halfway(double value) {
		return (Double.doubleToRawLongBits(value) & LOW_BITS) == HALF;
	}

	private static float slow(String text, int start, int end) {
		return Float.parseFloat(text.substring(start, end));
	}

	private static String abbreviated(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
