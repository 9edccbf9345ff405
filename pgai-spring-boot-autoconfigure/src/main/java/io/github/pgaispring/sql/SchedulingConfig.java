package io.github.pgaispring.sql;

import java.time.Duration;

/**
 * Whether and how the database schedules the vectorizer's work ({@code scheduling=>} of
 * {@code ai.create_vectorizer}). The in-application worker does not need a schedule.
 */
public sealed interface SchedulingConfig extends VectorizerConfigPart
		permits SchedulingNoneConfig, SchedulingDefaultConfig, SchedulingTimescaledbConfig {

	/** Schedules nothing; a worker polls: {@code ai.scheduling_none()}. */
	static SchedulingNoneConfig none() {
		return new SchedulingNoneConfig();
	}

	/**
	 * Lets the server choose from its {@code ai.scheduling_default} setting when the vectorizer is created
	 * (none on plain PostgreSQL): {@code ai.scheduling_default()}, the server default.
	 */
	static SchedulingDefaultConfig serverDefault() {
		return new SchedulingDefaultConfig();
	}

	/**
	 * Runs a TimescaleDB job at the given interval:
	 * {@code ai.scheduling_timescaledb(schedule_interval=>...)}. Needs TimescaleDB.
	 * @param scheduleInterval the interval between runs
	 * @return the configuration, to refine with {@code with...} methods
	 */
	static SchedulingTimescaledbConfig timescaledb(Duration scheduleInterval) {
		return new SchedulingTimescaledbConfig(scheduleInterval, null, null, null);
	}

}
