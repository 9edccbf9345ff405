package io.github.pgaispring.chunking;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates a Python {@code re} pattern (a {@code str} pattern compiled without flags, as LangChain does)
 * into a {@link java.util.regex.Pattern} source with the same meaning.
 * <p>
 * Python's syntax is parsed the way {@code sre_parse} (Python 3.11+) does, including its errors, and every
 * construct is re-emitted in a form whose Java meaning does not depend on Java flags: literals become
 * {@code \x{...}}, {@code \d \w \s \b} use Python's Unicode definitions (Nd; L, N and {@code _}; the
 * {@code str.isspace()} set), {@code . ^ $ \A \Z} are spelled out for the current {@code s}/{@code m}
 * flags, verbose mode ({@code x}) is resolved here and only {@code i} is passed on (as Java's
 * {@code (?iu)}, or {@code (?i)} under Python's ASCII flag {@code a}, which also narrows the classes). Inside
 * look-behinds every code point item may span a surrogate pair, which Java would otherwise misjudge.
 * Conditional groups {@code (?(id)yes|no)} are rejected.
 */
final class PythonRegexTranslator {

	private static final String WORD = "\\p{L}\\p{N}_";

	private static final String ASCII_WORD = "a-zA-Z0-9_";

	private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
			+ "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

	private static final String ASCII_SPACE = "\\t\\n\\x0B\\f\\r ";

	private static final String AT_START = "(?<![\\s\\S])";

	private static final String AT_END = "(?![\\s\\S])";

	/** Lets Java's look-behind try one more char, so a code point item can match a surrogate pair. */
	private static final String LOOKBEHIND_PADDING = "[^\\s\\S]?";

	private static final String NOT_SURROGATE = "&&[^\\x{D800}-\\x{DFFF}]";

	private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

	private final String source;

	private final int[] pattern;

	private int index;

	private final StringBuilder java = new StringBuilder();

	private int groups;

	private final BitSet closedGroups = new BitSet();

	private final Map<String, Integer> groupNames = new HashMap<>();

	private int lookbehindDepth;

	private boolean globalAscii;

	private PythonRegexTranslator(String source) {
		this.source = source;
		this.pattern = source.codePoints().toArray();
	}

	/**
	 * Translates a Python pattern.
	 * @param pythonPattern the Python pattern
	 * @return the Java pattern source and the number of capturing groups
	 * @throws IllegalArgumentException if Python rejects the pattern or it uses unsupported syntax
	 */
	static Translation translate(String pythonPattern) {
		PythonRegexTranslator translator = new PythonRegexTranslator(pythonPattern);
		Flags flags = translator.parseGlobalFlags();
		if (flags.ignoreCase()) {
			translator.java.insert(0, "(?" + flags.javaIgnoreCase() + ")");
		}
		translator.parseAlternatives(flags, false);
		return new Translation(translator.java.toString(), translator.groups);
	}

	/** A translated pattern. */
	record Translation(String javaPattern, int groupCount) {
	}

	private enum Item {

		NONE, ANCHOR, ATOM, REPEAT

	}

	private record Flags(boolean ignoreCase, boolean multiline, boolean dotAll, boolean verbose, boolean ascii) {

		Flags with(int flag, boolean on) {
			return switch (flag) {
				case 'i' -> new Flags(on, this.multiline, this.dotAll, this.verbose, this.ascii);
				case 'm' -> new Flags(this.ignoreCase, on, this.dotAll, this.verbose, this.ascii);
				case 's' -> new Flags(this.ignoreCase, this.multiline, on, this.verbose, this.ascii);
				case 'x' -> new Flags(this.ignoreCase, this.multiline, this.dotAll, on, this.ascii);
				case 'a' -> new Flags(this.ignoreCase, this.multiline, this.dotAll, this.verbose, on);
				default -> this;
			};
		}

		/** Java's inline flags for case-insensitive matching under these flags. */
		String javaIgnoreCase() {
			return this.ascii ? "i-u" : "iu";
		}

		String wordClass() {
			return "[" + (this.ascii ? ASCII_WORD : WORD) + "]";
		}

	}

	/** Python only accepts flag groups without a scope, such as {@code (?i)}, at the very start. */
	private Flags parseGlobalFlags() {
		Flags flags = new Flags(false, false, false, false, false);
		StringBuilder globalTypeFlags = new StringBuilder();
		while (true) {
			if (this.index < this.pattern.length && flags.verbose() && skipVerboseFiller()) {
				continue;
			}
			if (startsWith("(?#")) {
				this.index += 3;
				skipComment();
				continue;
			}
			int start = this.index;
			if (!startsWith("(?") || this.index + 2 >= this.pattern.length || !isFlag(this.pattern[this.index + 2])) {
				return flags;
			}
			this.index += 2;
			Flags global = flags;
			while (this.index < this.pattern.length && isFlag(this.pattern[this.index])) {
				global = checkedFlag(global, this.pattern[this.index], true);
				globalTypeFlags.appendCodePoint(this.pattern[this.index]);
				this.index++;
			}
			if (this.index >= this.pattern.length || this.pattern[this.index] != ')') {
				this.index = start;
				return flags;
			}
			this.index++;
			checkTypeFlags(globalTypeFlags, start);
			flags = global;
			this.globalAscii = global.ascii();
		}
	}

	private void parseAlternatives(Flags flags, boolean nested) {
		Item last = Item.NONE;
		while (this.index < this.pattern.length) {
			int c = this.pattern[this.index];
			if (flags.verbose() && skipVerboseFiller()) {
				continue;
			}
			if (c == ')') {
				if (!nested) {
					throw error("unbalanced parenthesis", this.index);
				}
				return;
			}
			int at = this.index;
			this.index++;
			switch (c) {
				case '|' -> {
					this.java.append('|');
					last = Item.NONE;
				}
				case '*', '+', '?' -> last = quantifier(last, String.valueOf((char) c), at);
				case '{' -> {
					String braces = braceQuantifier();
					last = (braces != null) ? quantifier(last, braces, at) : literal(c);
				}
				case '(' -> last = group(flags, at, last);
				case '[' -> last = atom(characterClass(flags, at));
				case '.' -> last = atom(flags.dotAll() ? "[\\s\\S]" : "[^\\n]");
				case '^' -> last = anchor(flags.multiline() ? "(?:" + AT_START + "|(?<=\\n))" : AT_START);
				case '$' -> last = anchor(flags.multiline() ? "(?=\\n|" + AT_END + ")" : "(?=\\n?" + AT_END + ")");
				case '\\' -> last = escape(flags, at);
				default -> last = literal(c);
			}
		}
		if (nested) {
			throw error("missing ), unterminated subpattern", this.index);
		}
	}

	private Item quantifier(Item last, String quantifier, int at) {
		if (last == Item.NONE || last == Item.ANCHOR) {
			throw error("nothing to repeat", at);
		}
		if (last == Item.REPEAT) {
			throw error("multiple repeat", at);
		}
		this.java.append(quantifier);
		if (this.index < this.pattern.length && (this.pattern[this.index] == '?' || this.pattern[this.index] == '+')) {
			this.java.appendCodePoint(this.pattern[this.index]);
			this.index++;
		}
		return Item.REPEAT;
	}

	/**
	 * After a {@code '{'}: consumes a Python {@code {m}}, {@code {m,}}, {@code {,n}} or {@code {m,n}} and
	 * returns it in Java syntax, or returns {@code null} (consuming nothing) when the brace is a literal.
	 */
	private String braceQuantifier() {
		int start = this.index;
		String min = digits();
		String max = min;
		boolean comma = consume(',');
		if (comma) {
			max = digits();
		}
		if ((!comma && min.isEmpty()) || !consume('}')) {
			this.index = start;
			return null;
		}
		String lower = min.isEmpty() ? "0" : min;
		if (!max.isEmpty() && new java.math.BigInteger(max).compareTo(new java.math.BigInteger(lower)) < 0) {
			throw error("min repeat greater than max repeat", start);
		}
		return "{" + lower + (comma ? "," + max : "") + "}";
	}

	private String digits() {
		int start = this.index;
		while (this.index < this.pattern.length && this.pattern[this.index] >= '0' && this.pattern[this.index] <= '9') {
			this.index++;
		}
		return new String(this.pattern, start, this.index - start);
	}

	private Item group(Flags flags, int at, Item last) {
		if (!consume('?')) {
			int group = ++this.groups;
			this.java.append('(');
			parseGroupBody(flags, at);
			this.closedGroups.set(group);
			return Item.ATOM;
		}
		if (this.index >= this.pattern.length) {
			throw error("unexpected end of pattern", this.index);
		}
		int kind = this.pattern[this.index++];
		switch (kind) {
			case 'P' -> {
				return namedGroup(flags, at);
			}
			case ':' -> this.java.append("(?:");
			case '>' -> this.java.append("(?>");
			case '#' -> {
				skipComment();
				return last;
			}
			case '=', '!' -> {
				this.java.append("(?").appendCodePoint(kind);
				parseGroupBody(flags, at);
				return Item.ATOM;
			}
			case '<' -> {
				int direction = (this.index < this.pattern.length) ? this.pattern[this.index++] : -1;
				if (direction != '=' && direction != '!') {
					throw error("unknown extension ?<" + ((direction < 0) ? "" : Character.toString(direction)), at + 1);
				}
				this.java.append("(?<").appendCodePoint(direction);
				this.lookbehindDepth++;
				parseGroupBody(flags, at);
				this.lookbehindDepth--;
				return Item.ATOM;
			}
			case '(' -> throw unsupported("conditional groups (?(id)yes|no)");
			default -> {
				if (kind != '-' && !isFlag(kind)) {
					throw error("unknown extension ?" + Character.toString(kind), at + 1);
				}
				this.index--;
				return scopedFlags(flags, at);
			}
		}
		parseGroupBody(flags, at);
		return Item.ATOM;
	}

	private Item namedGroup(Flags flags, int at) {
		if (consume('<')) {
			String name = until('>');
			if (!isIdentifier(name)) {
				throw error("bad character in group name '" + name + "'", at + 4);
			}
			if (this.groupNames.containsKey(name)) {
				throw error("redefinition of group name '" + name + "'", at + 4);
			}
			int group = ++this.groups;
			this.groupNames.put(name, group);
			this.java.append('(');
			parseGroupBody(flags, at);
			this.closedGroups.set(group);
			return Item.ATOM;
		}
		if (consume('=')) {
			String name = until(')');
			Integer group = this.groupNames.get(name);
			if (group == null) {
				throw error("unknown group name '" + name + "'", at + 4);
			}
			return backReference(group, at);
		}
		throw error("unknown extension ?P" + ((this.index < this.pattern.length)
				? Character.toString(this.pattern[this.index]) : ""), at + 1);
	}

	private Item scopedFlags(Flags flags, int at) {
		StringBuilder added = new StringBuilder();
		StringBuilder removed = new StringBuilder();
		int c = next("missing -, : or )", at);
		while (isFlag(c)) {
			added.appendCodePoint(c);
			c = next("missing -, : or )", at);
		}
		if (c == ')') {
			throw error("global flags not at the start of the expression", at);
		}
		if (c == '-') {
			c = next("missing flag", at);
			if (!isFlag(c)) {
				throw error(Character.isLetter(c) ? "unknown flag" : "missing flag", this.index - 1);
			}
			while (isFlag(c)) {
				removed.appendCodePoint(c);
				c = next("missing :", at);
			}
		}
		if (c != ':') {
			throw error(Character.isLetter(c) ? "unknown flag" : "missing :", this.index - 1);
		}
		checkTypeFlags(added, at);
		Flags scoped = flags;
		for (int i = 0; i < added.length(); i++) {
			scoped = checkedFlag(scoped, added.charAt(i), true);
		}
		for (int i = 0; i < removed.length(); i++) {
			if (added.indexOf(String.valueOf(removed.charAt(i))) >= 0) {
				throw error("bad inline flag: flag turned on and off", at);
			}
			scoped = checkedFlag(scoped, removed.charAt(i), false);
		}
		this.java.append("(?");
		if (scoped.ignoreCase() != flags.ignoreCase() || scoped.ascii() != flags.ascii()) {
			this.java.append(scoped.ignoreCase() ? scoped.javaIgnoreCase() : "-iu");
		}
		this.java.append(':');
		parseGroupBody(scoped, at);
		return Item.ATOM;
	}

	private Flags checkedFlag(Flags flags, int flag, boolean on) {
		if (flag == 'L') {
			throw error("bad inline flag: cannot use 'L' flag with a str pattern", this.index);
		}
		if ((flag == 'u' || flag == 'a') && !on) {
			throw error("bad inline flag: cannot turn off flags 'a', 'u' and 'L'", this.index);
		}
		if (flag == 'u') {
			// a scoped (?u:...) undoes a scoped (?a:...) but not a global (?a)
			return flags.with('a', this.globalAscii);
		}
		return flags.with(flag, on);
	}

	private void checkTypeFlags(CharSequence flags, int at) {
		String letters = flags.toString();
		if (letters.contains("a") && letters.contains("u")) {
			throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", at);
		}
	}

	private void parseGroupBody(Flags flags, int at) {
		parseAlternatives(flags, true);
		if (!consume(')')) {
			throw error("missing ), unterminated subpattern", at);
		}
		this.java.append(')');
	}

	private Item escape(Flags flags, int at) {
		if (this.index >= this.pattern.length) {
			throw error("bad escape (end of pattern)", at);
		}
		int c = this.pattern[this.index++];
		switch (c) {
			case 'A':
				return anchor(AT_START);
			case 'Z':
				return anchor(AT_END);
			case 'b': {
				String word = flags.wordClass();
				return anchor("(?:" + lookbehind(true, word) + "(?!" + word + ")|" + lookbehind(false, word) + "(?="
						+ word + "))");
			}
			case 'B': {
				// Python before 3.14 never matches \B in an empty string
				String word = flags.wordClass();
				return anchor("(?!" + AT_START + AT_END + ")(?:" + lookbehind(true, word) + "(?=" + word + ")|"
						+ lookbehind(false, word) + "(?!" + word + "))");
			}
			case 'd', 'D', 's', 'S', 'w', 'W':
				return atom(category(c, flags.ascii()));
			default:
				if (c >= '1' && c <= '9') {
					return numericEscape(c, at);
				}
				return literal(commonEscape(c, at));
		}
	}

	private String lookbehind(boolean positive, String characterClass) {
		return "(?<" + (positive ? "=" : "!") + "[" + characterClass + NOT_SURROGATE + "]" + LOOKBEHIND_PADDING + ")";
	}

	/** An escape after a digit 1-9: a three digit octal escape or a group reference, as Python decides. */
	private Item numericEscape(int first, int at) {
		StringBuilder digits = new StringBuilder().appendCodePoint(first);
		if (this.index < this.pattern.length && isDigit(this.pattern[this.index])) {
			digits.appendCodePoint(this.pattern[this.index++]);
			if (isOctal(digits.charAt(0)) && isOctal(digits.charAt(1)) && this.index < this.pattern.length
					&& isOctal(this.pattern[this.index])) {
				digits.appendCodePoint(this.pattern[this.index++]);
				int value = Integer.parseInt(digits.toString(), 8);
				if (value > 0377) {
					throw error("octal escape value \\" + digits + " outside of range 0-0o377", at);
				}
				return literal(value);
			}
		}
		return backReference(Integer.parseInt(digits.toString()), at);
	}

	private Item backReference(int group, int at) {
		if (group > this.groups) {
			throw error("invalid group reference " + group, at + 1);
		}
		if (!this.closedGroups.get(group)) {
			throw error("cannot refer to an open group", at);
		}
		this.java.append('\\').append(group);
		return Item.ATOM;
	}

	/** Escapes with the same meaning inside and outside a character class. */
	private int commonEscape(int c, int at) {
		switch (c) {
			case 'a':
				return 0x07;
			case 'f':
				return '\f';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			case 't':
				return '\t';
			case 'v':
				return 0x0B;
			case 'x':
				return hex(2, at);
			case 'u':
				return hex(4, at);
			case 'U': {
				int value = hex(8, at);
				if (value > Character.MAX_CODE_POINT) {
					throw error("bad escape \\U" + Integer.toHexString(value), at);
				}
				return value;
			}
			case 'N':
				return namedCharacter(at);
			case '0': {
				int value = 0;
				for (int i = 0; i < 2 && this.index < this.pattern.length && isOctal(this.pattern[this.index]); i++) {
					value = value * 8 + (this.pattern[this.index++] - '0');
				}
				return value;
			}
			default:
				if (c < 0x80 && (Character.isLetterOrDigit(c))) {
					throw error("bad escape \\" + Character.toString(c), at);
				}
				return c;
		}
	}

	private int hex(int count, int at) {
		int value = 0;
		for (int i = 0; i < count; i++) {
			if (this.index >= this.pattern.length || HEX_DIGITS.indexOf(this.pattern[this.index]) < 0) {
				throw error("incomplete escape \\" + new String(this.pattern, at + 1, this.index - at - 1), at);
			}
			value = value * 16 + Character.digit(this.pattern[this.index++], 16);
		}
		return value;
	}

	private int namedCharacter(int at) {
		if (!consume('{')) {
			throw error("missing {", this.index);
		}
		String name = until('}');
		try {
			return Character.codePointOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw error("undefined character name '" + name + "'", at);
		}
	}

	/** Parses a class after its {@code '['} and returns it as a bracketed Java class. */
	private String characterClass(Flags flags, int at) {
		StringBuilder javaClass = new StringBuilder("[");
		if (consume('^')) {
			javaClass.append('^');
		}
		boolean first = true;
		while (true) {
			int c = next("unterminated character set", at);
			if (c == ']' && !first) {
				return javaClass.append(']').toString();
			}
			first = false;
			ClassItem low = (c == '\\') ? classEscape(flags) : new ClassItem(null, c);
			if (!consume('-')) {
				javaClass.append(low.java());
				continue;
			}
			int d = next("unterminated character set", at);
			if (d == ']') {
				return javaClass.append(low.java()).append(escapedLiteral('-')).append(']').toString();
			}
			ClassItem high = (d == '\\') ? classEscape(flags) : new ClassItem(null, d);
			if (low.category() != null || high.category() != null || high.codePoint() < low.codePoint()) {
				throw error("bad character range", this.index - 1);
			}
			javaClass.append(low.java()).append('-').append(high.java());
		}
	}

	/** Parses an escape inside a class, after its backslash. */
	private ClassItem classEscape(Flags flags) {
		int at = this.index - 1;
		int c = next("bad escape (end of pattern)", at);
		switch (c) {
			case 'd', 'D', 's', 'S', 'w', 'W':
				return new ClassItem(category(c, flags.ascii()), -1);
			case 'b':
				return new ClassItem(null, '\b');
			default:
				if (c >= '1' && c <= '7') {
					int value = c - '0';
					for (int i = 0; i < 2 && this.index < this.pattern.length && isOctal(this.pattern[this.index]); i++) {
						value = value * 8 + (this.pattern[this.index++] - '0');
					}
					if (value > 0377) {
						throw error("octal escape value outside of range 0-0o377", at);
					}
					return new ClassItem(null, value);
				}
				return new ClassItem(null, commonEscape(c, at));
		}
	}

	/** A class member: a category (as a nested Java class) or a single code point. */
	private record ClassItem(String category, int codePoint) {

		String java() {
			return (this.category != null) ? this.category : escapedLiteral(this.codePoint);
		}

	}

	private static String category(int c, boolean ascii) {
		return switch (c) {
			case 'd' -> ascii ? "[0-9]" : "[\\p{Nd}]";
			case 'D' -> ascii ? "[^0-9]" : "[^\\p{Nd}]";
			case 's' -> "[" + (ascii ? ASCII_SPACE : SPACE) + "]";
			case 'S' -> "[^" + (ascii ? ASCII_SPACE : SPACE) + "]";
			case 'w' -> "[" + (ascii ? ASCII_WORD : WORD) + "]";
			default -> "[^" + (ascii ? ASCII_WORD : WORD) + "]";
		};
	}

	private Item literal(int codePoint) {
		return atom(escapedLiteral(codePoint));
	}

	private static String escapedLiteral(int codePoint) {
		return "\\x{" + Integer.toHexString(codePoint) + "}";
	}

	/** Emits one code point item; in a look-behind it may match a surrogate pair but never half of one. */
	private Item atom(String item) {
		if (this.lookbehindDepth == 0) {
			this.java.append(item);
		}
		else {
			String whole = item.startsWith("[") ? "[" + item + NOT_SURROGATE + "]" : item;
			this.java.append("(?:").append(whole).append(LOOKBEHIND_PADDING).append(')');
		}
		return Item.ATOM;
	}

	private Item anchor(String anchor) {
		this.java.append(anchor);
		return Item.ANCHOR;
	}

	private boolean skipVerboseFiller() {
		int c = this.pattern[this.index];
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			this.index++;
			return true;
		}
		if (c == '#') {
			while (this.index < this.pattern.length && this.pattern[this.index] != '\n') {
				this.index++;
			}
			return true;
		}
		return false;
	}

	private void skipComment() {
		int start = this.index;
		while (this.index < this.pattern.length) {
			if (this.pattern[this.index++] == ')') {
				return;
			}
		}
		throw error("missing ), unterminated comment", start);
	}

	private String until(int terminator) {
		int start = this.index;
		while (this.index < this.pattern.length && this.pattern[this.index] != terminator) {
			this.index++;
		}
		if (this.index >= this.pattern.length) {
			throw error("missing " + Character.toString(terminator) + ", unterminated name", start);
		}
		if (this.index == start) {
			throw error("missing group name", start);
		}
		return new String(this.pattern, start, this.index++ - start);
	}

	private int next(String problemAtEnd, int at) {
		if (this.index >= this.pattern.length) {
			throw error(problemAtEnd, at);
		}
		return this.pattern[this.index++];
	}

	private boolean consume(int c) {
		if (this.index < this.pattern.length && this.pattern[this.index] == c) {
			this.index++;
			return true;
		}
		return false;
	}

	private boolean startsWith(String prefix) {
		for (int i = 0; i < prefix.length(); i++) {
			if (this.index + i >= this.pattern.length || this.pattern[this.index + i] != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFlag(int c) {
		return c == 'i' || c == 'm' || c == 's' || c == 'x' || c == 'u' || c == 'a' || c == 'L';
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isOctal(int c) {
		return c >= '0' && c <= '7';
	}

	private static boolean isIdentifier(String name) {
		if (name.isEmpty()) {
			return false;
		}
		int first = name.codePointAt(0);
		return (first == '_' || Character.isUnicodeIdentifierStart(first))
				&& name.codePoints().skip(1).allMatch(Character::isUnicodeIdentifierPart);
	}

	private IllegalArgumentException error(String problem, int position) {
		return new IllegalArgumentException("Invalid separator regex '" + this.source + "': " + problem + " at position "
				+ position + " (Python's re module rejects it too); fix the pattern or set is_separator_regex to false");
	}

	private IllegalArgumentException unsupported(String feature) {
		return new IllegalArgumentException("Separator regex '" + this.source + "' uses " + feature
				+ ", which this Java port of Python's re syntax does not support; rewrite the separator without it");
	}

}
