package io.github.pgaispring.chunking;

import java.util.List;

/**
 * One separator of a splitter, with LangChain's {@code _split_text_with_regex} semantics: an empty separator
 * splits into single code points; otherwise the text is split at each match, the separator is either dropped
 * ({@code keep_separator=False}) or glued to the start of the piece that follows it
 * ({@code keep_separator="start"}), and empty pieces are removed.
 */
abstract sealed class Separator permits Separator.CodePoints, Separator.Literal, Separator.Regex {

	/**
	 * Creates a separator.
	 * @param separator the separator text or, if {@code regex}, a Python regular expression
	 * @param regex whether the separator is a regular expression
	 * @param keepAtStart glue each separator to the start of the following piece instead of dropping it
	 * @return the separator
	 * @throws IllegalArgumentException if a regular expression is invalid or unsupported
	 */
	static Separator of(String separator, boolean regex, boolean keepAtStart) {
		if (separator.isEmpty()) {
			return new CodePoints();
		}
		return regex ? new Regex(separator, keepAtStart) : new Literal(separator, keepAtStart);
	}

	/** Whether the separator splits into single code points ({@code ""}, which matches any text). */
	boolean isEmpty() {
		return false;
	}

	/** Python's {@code re.search(separator, text)}. */
	abstract boolean occursIn(String text);

	/**
	 * Splits a text.
	 * @param text the text
	 * @return the non-empty pieces
	 */
	abstract Pieces split(String text);

	/** The empty separator: every code point is a piece. */
	static final class CodePoints extends Separator {

		@Override
		boolean isEmpty() {
			return true;
		}

		@Override
		boolean occursIn(String text) {
			return true;
		}

		@Override
		Pieces split(String text) {
			Pieces pieces = new Pieces();
			for (int index = 0; index < text.length(); index = text.offsetByCodePoints(index, 1)) {
				pieces.add(text.substring(index, text.offsetByCodePoints(index, 1)));
			}
			return pieces;
		}

	}

	/** A separator matched as literal text ({@code re.escape}). */
	static final class Literal extends Separator {

		private final String separator;

		private final boolean keepAtStart;

		Literal(String separator, boolean keepAtStart) {
			this.separator = separator;
			this.keepAtStart = keepAtStart;
		}

		@Override
		boolean occursIn(String text) {
			return text.contains(this.separator);
		}

		@Override
		Pieces split(String text) {
			Pieces pieces = new Pieces();
			int pieceStart = 0;
			int match = text.indexOf(this.separator);
			while (match >= 0) {
				pieces.add(text.substring(pieceStart, match));
				pieceStart = this.keepAtStart ? match : match + this.separator.length();
				match = text.indexOf(this.separator, match + this.separator.length());
			}
			pieces.add(text.substring(pieceStart));
			return pieces;
		}

	}

	/**
	 * A Python regular expression. Like LangChain, splitting with {@code keepAtStart} uses the pattern wrapped
	 * in a capturing group and pairs up the parts {@code re.split} returns (so a pattern with global flags such
	 * as {@code (?i)} is invalid there, as in Python 3.11+); capturing groups of the separator itself add
	 * parts, and the texts on which LangChain then fails (with a TypeError or IndexError) are rejected with an
	 * {@link IllegalArgumentException}.
	 */
	static final class Regex extends Separator {

		private final PythonRegex pattern;

		private final PythonRegex wrapped;

		Regex(String separator, boolean keepAtStart) {
			this.pattern = PythonRegex.compile(separator);
			this.wrapped = keepAtStart ? PythonRegex.compile("(" + separator + ")") : null;
		}

		@Override
		boolean occursIn(String text) {
			return this.pattern.search(text);
		}

		@Override
		Pieces split(String text) {
			return (this.wrapped != null) ? splitKeepingSeparators(text) : piecesOf(this.pattern.split(text));
		}

		private Pieces splitKeepingSeparators(String text) {
			List<String> parts = this.wrapped.split(text);
			if (parts.size() % 2 == 0) {
				throw capturingGroupsFailure("IndexError");
			}
			Pieces pieces = new Pieces();
			pieces.add(parts.get(0));
			for (int index = 1; index < parts.size(); index += 2) {
				String separator = parts.get(index);
				String following = parts.get(index + 1);
				if (separator == null || following == null) {
					throw capturingGroupsFailure("TypeError");
				}
				pieces.add(separator + following);
			}
			return pieces;
		}

		private Pieces piecesOf(List<String> parts) {
			Pieces pieces = new Pieces();
			for (String part : parts) {
				if (part == null) {
					throw capturingGroupsFailure("TypeError");
				}
				pieces.add(part);
			}
			return pieces;
		}

		private IllegalArgumentException capturingGroupsFailure(String pythonError) {
			return new IllegalArgumentException("Separator regex '" + this.pattern.source()
					+ "' has capturing groups that LangChain's splitter cannot handle on this text (Python fails with "
					+ pythonError + "); use non-capturing groups (?:...) instead");
		}

	}

}
