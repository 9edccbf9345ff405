package io.github.pgaispring.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python {@code re} pattern with Python's {@code re.search} and {@code re.split} semantics (Python 3.7+),
 * on top of {@link java.util.regex}: matches only start at code point boundaries, and after an empty match
 * the next match may start at the same position only if it is not empty, as in Python's {@code sre}.
 */
final class PythonRegex {

	private final String source;

	private final Pattern pattern;

	/** The pattern followed by "not at the region start", to find a non-empty match at a position. */
	private final Pattern nonEmptyPattern;

	private final int groupCount;

	private PythonRegex(String source, String javaPattern, int groupCount) {
		this.source = source;
		this.pattern = Pattern.compile(javaPattern);
		this.nonEmptyPattern = Pattern.compile("(?:" + javaPattern + ")(?!\\A)");
		this.groupCount = groupCount;
	}

	/**
	 * Compiles a Python pattern.
	 * @param pythonPattern the pattern in Python syntax
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the pattern is invalid or uses unsupported syntax
	 */
	static PythonRegex compile(String pythonPattern) {
		PythonRegexTranslator.Translation translation = PythonRegexTranslator.translate(pythonPattern);
		try {
			return new PythonRegex(pythonPattern, translation.javaPattern(), translation.groupCount());
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("Invalid separator regex '" + pythonPattern + "': "
					+ ex.getDescription() + "; fix the pattern or set is_separator_regex to false", ex);
		}
	}

	String source() {
		return this.source;
	}

	/** Python's {@code re.search(pattern, text) is not None}. */
	boolean search(String text) {
		return find(this.pattern.matcher(text), text, 0) != null;
	}

	/**
	 * Python's {@code re.split(pattern, text)}: the text between matches, each followed by the values of
	 * all capturing groups of the match ({@code null} for a group that did not participate).
	 */
	List<String> split(String text) {
		List<String> parts = new ArrayList<>();
		Matcher matcher = this.pattern.matcher(text);
		Matcher nonEmptyMatcher = null;
		int last = 0;
		boolean mustAdvance = false;
		while (true) {
			MatchResult match;
			if (!mustAdvance) {
				match = find(matcher, text, last);
			}
			else {
				if (nonEmptyMatcher == null) {
					nonEmptyMatcher = this.nonEmptyPattern.matcher(text).useTransparentBounds(true);
				}
				match = nonEmptyMatchAt(nonEmptyMatcher, text, last);
				if (match == null && last < text.length()) {
					match = find(matcher, text, text.offsetByCodePoints(last, 1));
				}
			}
			if (match == null) {
				break;
			}
			parts.add(text.substring(last, match.start()));
			for (int group = 1; group <= this.groupCount; group++) {
				parts.add(match.group(group));
			}
			mustAdvance = match.end() == match.start();
			last = match.end();
		}
		parts.add(text.substring(last));
		return parts;
	}

	private static MatchResult nonEmptyMatchAt(Matcher nonEmptyMatcher, String text, int position) {
		nonEmptyMatcher.region(position, text.length());
		return nonEmptyMatcher.lookingAt() ? nonEmptyMatcher.toMatchResult() : null;
	}

	/** The first match starting at a code point boundary at or after {@code from}. */
	private static MatchResult find(Matcher matcher, String text, int from) {
		int start = from;
		while (start <= text.length() && matcher.find(start)) {
			int position = matcher.start();
			if (position == 0 || position == text.length()
					|| !Character.isSurrogatePair(text.charAt(position - 1), text.charAt(position))) {
				return matcher.toMatchResult();
			}
			start = position + 1;
		}
		return null;
	}

}
