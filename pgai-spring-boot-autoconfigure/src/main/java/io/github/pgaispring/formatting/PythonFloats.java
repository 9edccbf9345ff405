package io.github.pgaispring.formatting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Python's {@code repr()} of a {@code float}: the shortest decimal that reads back as the same double (the
 * closest one if several are as short), in fixed notation for decimal exponents from -4 to 15 (always with a
 * fractional part, {@code 1.0}) and in scientific notation otherwise ({@code 1e-05}, {@code 1.5e+16}).
 */
final class PythonFloats {

	private PythonFloats() {
	}

	/** {@code repr(value)} in Python. */
	static String repr(double value) {
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "inf" : "-inf";
		}
		if (value == 0) {
			return (1 / value < 0) ? "-0.0" : "0.0";
		}
		BigDecimal shortest = shortest(new BigDecimal(value), (decimal) -> decimal.doubleValue() == value)
			.stripTrailingZeros();
		String digits = shortest.unscaledValue().abs().toString();
		int pointPosition = digits.length() - shortest.scale();
		String sign = (value < 0) ? "-" : "";
		if (pointPosition > -4 && pointPosition <= 16) {
			return sign + fixed(digits, pointPosition);
		}
		String mantissa = (digits.length() == 1) ? digits : digits.charAt(0) + "." + digits.substring(1);
		int exponent = pointPosition - 1;
		return sign + mantissa + "e" + ((exponent < 0) ? "-" : "+") + String.format("%02d", Math.abs(exponent));
	}

	/**
	 * The double a PostgreSQL {@code real} becomes in psycopg: PostgreSQL sends the shortest decimal that
	 * reads back as the same float, and Python parses that decimal as a double.
	 */
	static double fromReal(float value) {
		if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
			return value;
		}
		return shortest(new BigDecimal(value), (decimal) -> decimal.floatValue() == value).doubleValue();
	}

	private static BigDecimal shortest(BigDecimal exact, Predicate<BigDecimal> readsBack) {
		for (int precision = 1;; precision++) {
			BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (readsBack.test(nearest)) {
				return nearest;
			}
			// next to a power of two the interval of decimals reading back is lopsided
			RoundingMode otherSide = (nearest.compareTo(exact) < 0) ? RoundingMode.CEILING : RoundingMode.FLOOR;
			BigDecimal other = exact.round(new MathContext(precision, otherSide));
			if (readsBack.test(other)) {
				return other;
			}
		}
	}

	private static String fixed(String digits, int pointPosition) {
		if (pointPosition <= 0) {
			return "0." + "0".repeat(-pointPosition) + digits;
		}
		if (pointPosition >= digits.length()) {
			return digits + "0".repeat(pointPosition - digits.length()) + ".0";
		}
		return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
	}

}
