package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Runs the vectorizer as a TimescaleDB job: {@code ai.scheduling_timescaledb}. Components that are
 * {@code null} take the server defaults (every 5 minutes, TimescaleDB's defaults for the rest).
 *
 * @param scheduleInterval the interval between runs, rendered in seconds with days kept
 * @param initialStart when the first run happens
 * @param fixedSchedule whether runs keep a fixed schedule rather than following the previous run's end
 * @param timezone the time zone that aligns the schedule, e.g. {@code Europe/Berlin}
 */
public record SchedulingTimescaledbConfig(Duration scheduleInterval, OffsetDateTime initialStart,
		Boolean fixedSchedule, String timezone) implements SchedulingConfig {

	/** Returns a copy with the given interval between runs. */
	public SchedulingTimescaledbConfig withScheduleInterval(Duration scheduleInterval) {
		return new SchedulingTimescaledbConfig(scheduleInterval, this.initialStart, this.fixedSchedule,
				this.timezone);
	}

	/** Returns a copy whose first run happens at the given time. */
	public SchedulingTimescaledbConfig withInitialStart(OffsetDateTime initialStart) {
		return new SchedulingTimescaledbConfig(this.scheduleInterval, initialStart, this.fixedSchedule,
				this.timezone);
	}

	/** Returns a copy that keeps a fixed schedule, or not. */
	public SchedulingTimescaledbConfig withFixedSchedule(Boolean fixedSchedule) {
		return new SchedulingTimescaledbConfig(this.scheduleInterval, this.initialStart, fixedSchedule,
				this.timezone);
	}

	/** Returns a copy aligned to the given time zone. */
	public SchedulingTimescaledbConfig withTimezone(String timezone) {
		return new SchedulingTimescaledbConfig(this.scheduleInterval, this.initialStart, this.fixedSchedule,
				timezone);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.scheduling_timescaledb")
			.interval("schedule_interval", this.scheduleInterval)
			.timestamptz("initial_start", this.initialStart)
			.bool("fixed_schedule", this.fixedSchedule)
			.text("timezone", this.timezone)
			.toSql();
	}

}
