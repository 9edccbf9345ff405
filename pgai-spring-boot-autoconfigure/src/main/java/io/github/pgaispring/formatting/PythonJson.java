package io.github.pgaispring.formatting;

import java.math.BigInteger;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Python's {@code json.loads} for the JSON text PostgreSQL returns for {@code json} and {@code jsonb}, read
 * with Jackson into the Java counterparts of the Python values psycopg produces: objects become
 * insertion-ordered maps (a repeated key keeps its first position and its last value, like a Python
 * {@code dict}), arrays lists, integers {@link Integer}, {@link Long} or {@link BigInteger} (all rendered
 * like Python's {@code int}), other numbers {@link Double}, plus strings, booleans and {@code null}.
 */
final class PythonJson {

	/**
	 * Jackson's untyped reading already keeps key order and the last value of a repeated key, and reads
	 * integers as the smallest of {@code Integer}, {@code Long} and {@code BigInteger}; numbers and strings
	 * are not length-limited (PostgreSQL's {@code numeric} allows 131072 digits).
	 */
	private static final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNumberLength(Integer.MAX_VALUE)
				.maxStringLength(Integer.MAX_VALUE)
				.build())
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private PythonJson() {
	}

	/**
	 * Parses a JSON text.
	 * @param json the text
	 * @return the value
	 * @throws IllegalArgumentException if the text is not JSON
	 */
	static Object parse(String json) {
		try {
			return mapper.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON value: " + ex.getOriginalMessage(), ex);
		}
	}

}
