package io.github.pgaispring.sql;

/**
 * Lets the server choose the scheduling from its {@code ai.scheduling_default} setting when the vectorizer
 * is created ({@code scheduling_timescaledb}, otherwise none): {@code ai.scheduling_default()}.
 */
public record SchedulingDefaultConfig() implements SchedulingConfig {

	@Override
	public String toSql() {
		return "ai.scheduling_default()";
	}

}
