package io.github.pgaispring.jpa;

/**
 * Reads pgvector's text form of a {@code vector}, {@code [0.04408308,-1.3819076e-05,…]}, into a {@code float[]}
 * without a string per element, giving exactly the floats {@link Float#parseFloat(String)} gives.
 * <p>
 * pgvector writes each element as the shortest decimal that reads back as the same float: at most nine
 * significant digits. Such a decimal {@code m × 10^e} with {@code |e| <= 22} is one correctly rounded double
 * operation away ({@code m} and {@code 10^|e|} are exact doubles), and rounding that double to float gives the
 * float {@code Float.parseFloat} gives unless the double lies next to a point halfway between two floats, where
 * a second rounding could go the other way; those rare elements, and any other form, are read by
 * {@code Float.parseFloat}. This is what makes reading search results cheaper than Hibernate's vector type,
 * which creates a string per element.
 */
public final class PgVectorText {

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
	 * @param text pgvector's text form, or {@code null}
	 * @return the elements, or {@code null} for {@code null}
	 * @throws NumberFormatException if the text is not a vector
	 */
	public static float[] parse(String text) {
		if (text == null) {
			return null;
		}
		int length = text.length();
		if (length < 2 || text.charAt(0) != '[' || text.charAt(length - 1) != ']') {
			throw new NumberFormatException("Not a pgvector value: " + text);
		}
		int count = (length == 2) ? 0 : 1;
		for (int i = 1; i < length - 1; i++) {
			if (text.charAt(i) == ',') {
				count++;
			}
		}
		float[] vector = new float[count];
		int start = 1;
		for (int i = 0; i < count; i++) {
			int end = text.indexOf(',', start);
			if (end < 0) {
				end = length - 1;
			}
			vector[i] = parseFloat(text, start, end);
			start = end + 1;
		}
		return vector;
	}

	/** The float of {@code text[start, end)}. */
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
		boolean point = false;
		for (; i < end; i++) {
			char c = text.charAt(i);
			if (c == '.' && !point) {
				point = true;
			}
			else if (c >= '0' && c <= '9') {
				anyDigit = true;
				if (mantissa != 0 || c != '0') {
					if (++digits > 15) {
						return slow(text, start, end);
					}
					mantissa = mantissa * 10 + (c - '0');
				}
				if (point) {
					exponent--;
				}
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
			for (; i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9' && exponentDigits < 4; i++, exponentDigits++) {
				explicit = explicit * 10 + (text.charAt(i) - '0');
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
		double distanceToHalfway = Math.abs(Math.abs(value - result) - Math.ulp(result) / 2);
		if (distanceToHalfway <= 4 * Math.ulp(value) || Float.isInfinite(result)) {
			return slow(text, start, end);
		}
		return negative ? -result : result;
	}

	private static float slow(String text, int start, int end) {
		return Float.parseFloat(text.substring(start, end));
	}

}
