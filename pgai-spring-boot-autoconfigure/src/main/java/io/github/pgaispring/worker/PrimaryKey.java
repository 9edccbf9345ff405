package io.github.pgaispring.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.sql.PrimaryKeyColumn;

/**
 * The primary-key values of one source row, in key order.
 *
 * @param values the values, typed as {@link PrimaryKeyType#read} returns them
 */
record PrimaryKey(List<Object> values) {

	PrimaryKey {
		values = List.copyOf(values);
	}

	/** The key as {@code column -> value}, for error details and logs. */
	Map<String, Object> describe(List<PrimaryKeyColumn> columns) {
		Map<String, Object> description = new LinkedHashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			description.put(columns.get(i).name(), this.values.get(i));
		}
		return description;
	}

}
