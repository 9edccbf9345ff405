package io.github.pgaispring.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable copies of JSON option objects (such as Ollama {@code options}) that keep their key order and
 * may hold {@code null} values.
 */
final class JsonOptions {

	private JsonOptions() {
	}

	/** Copies the options into an unmodifiable map, or returns {@code null} for {@code null}. */
	static Map<String, Object> copyOf(Map<String, ?> options) {
		return (options != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(options)) : null;
	}

}
