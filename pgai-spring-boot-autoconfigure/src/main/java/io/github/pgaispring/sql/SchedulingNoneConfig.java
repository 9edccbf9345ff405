package io.github.pgaispring.sql;

/**
 * Schedules nothing in the database; a worker polls for work: {@code ai.scheduling_none()}.
 */
public record SchedulingNoneConfig() implements SchedulingConfig {

	@Override
	public String toSql() {
		return "ai.scheduling_none()";
	}

}
