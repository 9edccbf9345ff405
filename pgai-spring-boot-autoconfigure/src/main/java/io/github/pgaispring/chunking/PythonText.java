package io.github.pgaispring.chunking;

/**
 * Python {@code str} semantics the splitters depend on: {@code len()} counts code points and
 * {@code str.strip()} removes Python's whitespace set.
 */
final class PythonText {

	private PythonText() {
	}

	/**
	 * Python's {@code str.isspace()} for one character. Python's set differs from both
	 * {@link Character#isWhitespace(int)} (which excludes U+0085, U+00A0, U+2007 and U+202F) and
	 * {@link String#strip()}; U+200B (zero width space) is not whitespace in Python either.
	 */
	static boolean isWhitespace(char c) {
		return (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= ' ') || c == '\u0085' || c == '\u00A0'
				|| c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
				|| c == '\u202F' || c == '\u205F' || c == '\u3000';
	}

	/** Python's {@code len()} of a string: its number of code points. */
	static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	/** Python's {@code str.strip()} (no arguments). */
	static String strip(CharSequence text) {
		int start = 0;
		int end = text.length();
		while (start < end && isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return text.subSequence(start, end).toString();
	}

}
