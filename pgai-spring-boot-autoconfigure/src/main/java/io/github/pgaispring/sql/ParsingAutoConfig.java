package io.github.pgaispring.sql;

/**
 * Picks a parser by content: {@code ai.parsing_auto()}.
 */
public record ParsingAutoConfig() implements ParsingConfig {

	@Override
	public String toSql() {
		return "ai.parsing_auto()";
	}

}
