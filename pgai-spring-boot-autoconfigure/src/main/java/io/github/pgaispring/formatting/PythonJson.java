package io.github.pgaispring.formatting;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.loads} for the JSON text PostgreSQL returns for {@code json} and {@code jsonb}, giving
 * the Java counterparts of the Python values psycopg produces: objects become insertion-ordered maps (a
 * repeated key keeps its first position and its last value), arrays lists, integers {@link Long} or
 * {@link BigInteger}, other numbers {@link Double}, plus strings, booleans and {@code null}.
 */
final class PythonJson {

	private final String json;

	private int index;

	private PythonJson(String json) {
		this.json = json;
	}

	/**
	 * Parses a JSON text.
	 * @param json the text
	 * @return the value
	 * @throws IllegalArgumentException if the text is not JSON
	 */
	static Object parse(String json) {
		PythonJson parser = new PythonJson(json);
		Object value = parser.value();
		parser.skipWhitespace();
		if (parser.index != json.length()) {
			throw parser.error("extra data");
		}
		return value;
	}

	private Object value() {
		skipWhitespace();
		if (this.index >= this.json.length()) {
			throw error("expecting value");
		}
		char c = this.json.charAt(this.index);
		switch (c) {
			case '{':
				return object();
			case '[':
				return array();
			case '"':
				return string();
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				if (literal("true")) {
					return Boolean.TRUE;
				}
				if (literal("false")) {
					return Boolean.FALSE;
				}
				if (literal("null")) {
					return null;
				}
				throw error("expecting value");
		}
	}

	private Map<String, Object> object() {
		Map<String, Object> object = new LinkedHashMap<>();
		this.index++;
		skipWhitespace();
		if (consume('}')) {
			return object;
		}
		do {
			skipWhitespace();
			if (this.index >= this.json.length() || this.json.charAt(this.index) != '"') {
				throw error("expecting property name enclosed in double quotes");
			}
			String key = string();
			skipWhitespace();
			if (!consume(':')) {
				throw error("expecting ':' delimiter");
			}
			object.put(key, value());
			skipWhitespace();
		}
		while (consume(','));
		if (!consume('}')) {
			throw error("expecting ',' delimiter");
		}
		return object;
	}

	private List<Object> array() {
		List<Object> array = new ArrayList<>();
		this.index++;
		skipWhitespace();
		if (consume(']')) {
			return array;
		}
		do {
			array.add(value());
			skipWhitespace();
		}
		while (consume(','));
		if (!consume(']')) {
			throw error("expecting ',' delimiter");
		}
		return array;
	}

	private String string() {
		StringBuilder string = new StringBuilder();
		this.index++;
		while (this.index < this.json.length()) {
			char c = this.json.charAt(this.index++);
			if (c == '"') {
				return string.toString();
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			if (this.index >= this.json.length()) {
				break;
			}
			char escape = this.json.charAt(this.index++);
			switch (escape) {
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				case 'u' -> {
					if (this.index + 4 > this.json.length()) {
						throw error("invalid \\uXXXX escape");
					}
					try {
						string.append((char) Integer.parseInt(this.json.substring(this.index, this.index + 4), 16));
					}
					catch (NumberFormatException ex) {
						throw error("invalid \\uXXXX escape");
					}
					this.index += 4;
				}
				case '"', '\\', '/' -> string.append(escape);
				default -> throw error("invalid \\escape");
			}
		}
		throw error("unterminated string");
	}

	private Object number() {
		int start = this.index;
		consume('-');
		boolean integer = true;
		while (this.index < this.json.length()) {
			char c = this.json.charAt(this.index);
			if (c >= '0' && c <= '9') {
				this.index++;
			}
			else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && !integer)) {
				integer = false;
				this.index++;
			}
			else {
				break;
			}
		}
		String number = this.json.substring(start, this.index);
		try {
			if (!integer) {
				return Double.parseDouble(number);
			}
			BigInteger value = new BigInteger(number);
			return (value.bitLength() < 64) ? (Object) value.longValue() : value;
		}
		catch (NumberFormatException ex) {
			throw error("invalid number '" + number + "'");
		}
	}

	private boolean literal(String literal) {
		if (this.json.startsWith(literal, this.index)) {
			this.index += literal.length();
			return true;
		}
		return false;
	}

	private boolean consume(char c) {
		if (this.index < this.json.length() && this.json.charAt(this.index) == c) {
			this.index++;
			return true;
		}
		return false;
	}

	private void skipWhitespace() {
		while (this.index < this.json.length() && " \t\n\r".indexOf(this.json.charAt(this.index)) >= 0) {
			this.index++;
		}
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("Invalid JSON value: " + problem + " at char " + this.index);
	}

}
