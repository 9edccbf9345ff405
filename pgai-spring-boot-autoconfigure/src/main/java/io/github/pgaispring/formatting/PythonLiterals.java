package io.github.pgaispring.formatting;

/**
 * Python's {@code repr()} of {@code str} and {@code bytes} values.
 */
final class PythonLiterals {

	private PythonLiterals() {
	}

	/**
	 * Appends {@code repr(text)}: single quotes unless the text contains a single quote and no double quote;
	 * backslash, the quote, tab, newline and carriage return escaped; other non-printable characters as
	 * {@code \xhh}, {@code \\uhhhh} or {@code \Uhhhhhhhh}.
	 */
	static void appendStringRepr(String text, StringBuilder out) {
		char quote = (text.indexOf('\'') >= 0 && text.indexOf('"') < 0) ? '"' : '\'';
		out.append(quote);
		text.codePoints().forEach((c) -> {
			if (c == quote || c == '\\') {
				out.append('\\').append((char) c);
			}
			else if (!appendCommonEscape(c, out)) {
				if (c < 0x7F && c >= ' ') {
					out.append((char) c);
				}
				else if (c >= 0x80 && isPrintable(c)) {
					out.appendCodePoint(c);
				}
				else if (c <= 0xFF) {
					out.append(String.format("\\x%02x", c));
				}
				else if (c <= 0xFFFF) {
					out.append(String.format("\\u%04x", c));
				}
				else {
					out.append(String.format("\\U%08x", c));
				}
			}
		});
		out.append(quote);
	}

	/**
	 * Appends {@code repr(data)} (which is also {@code str(data)}): {@code b'...'} with printable ASCII as
	 * is and other bytes as {@code \xhh}.
	 */
	static void appendBytesRepr(byte[] data, StringBuilder out) {
		boolean singleQuote = false;
		boolean doubleQuote = false;
		for (byte b : data) {
			singleQuote |= b == '\'';
			doubleQuote |= b == '"';
		}
		char quote = (singleQuote && !doubleQuote) ? '"' : '\'';
		out.append('b').append(quote);
		for (byte b : data) {
			int c = b & 0xFF;
			if (c == quote || c == '\\') {
				out.append('\\').append((char) c);
			}
			else if (!appendCommonEscape(c, out)) {
				if (c < ' ' || c >= 0x7F) {
					out.append(String.format("\\x%02x", c));
				}
				else {
					out.append((char) c);
				}
			}
		}
		out.append(quote);
	}

	private static boolean appendCommonEscape(int c, StringBuilder out) {
		switch (c) {
			case '\t' -> out.append("\\t");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			default -> {
				return false;
			}
		}
		return true;
	}

	/** Python's {@code str.isprintable()} for one non-ASCII code point. */
	private static boolean isPrintable(int c) {
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR ->
				false;
			default -> true;
		};
	}

}
