package io.github.pgaispring.sql;

/**
 * Uses text content as it is: {@code ai.parsing_none()}.
 */
public record ParsingNoneConfig() implements ParsingConfig {

	@Override
	public String toSql() {
		return "ai.parsing_none()";
	}

}
