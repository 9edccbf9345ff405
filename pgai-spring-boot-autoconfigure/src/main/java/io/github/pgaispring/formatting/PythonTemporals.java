package io.github.pgaispring.formatting;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Python's {@code str()} and {@code repr()} of {@code datetime} module values: {@code date},
 * {@code time}, {@code datetime} (naive or with a UTC offset) and {@code timedelta}, at microsecond
 * precision.
 */
final class PythonTemporals {

	private PythonTemporals() {
	}

	/** {@code str(date)}: {@code 2024-01-02}. */
	static String date(LocalDate date) {
		return String.format("%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
	}

	/** {@code repr(date)}: {@code datetime.date(2024, 1, 2)}. */
	static String dateRepr(LocalDate date) {
		return "datetime.date(" + date.getYear() + ", " + date.getMonthValue() + ", " + date.getDayOfMonth() + ")";
	}

	/** {@code str(time)}: {@code 03:04:05}, {@code 03:04:05.250000}, {@code 03:04:05+02:00}. */
	static String time(LocalTime time, ZoneOffset offset) {
		return clock(time) + ((offset != null) ? offset(offset.getTotalSeconds()) : "");
	}

	/** {@code repr(time)}: {@code datetime.time(3, 4)}, {@code datetime.time(3, 4, 5, 250000)}. */
	static String timeRepr(LocalTime time, ZoneOffset offset) {
		return "datetime.time(" + clockFields(time) + tzinfo((offset != null) ? timezoneRepr(offset) : null)
				+ ")";
	}

	/** {@code str(datetime)}: {@code 2024-01-02 03:04:05}, with {@code +00:00} when it has an offset. */
	static String dateTime(LocalDateTime dateTime, ZoneOffset offset) {
		return date(dateTime.toLocalDate()) + " " + time(dateTime.toLocalTime(), offset);
	}

	/**
	 * {@code repr(datetime)}: {@code datetime.datetime(2024, 1, 2, 3, 4, 5)} with trailing zero seconds and
	 * microseconds left out.
	 * @param dateTime the local date and time
	 * @param tzinfoRepr the {@code repr()} of the time zone, or {@code null} for a naive datetime
	 */
	static String dateTimeRepr(LocalDateTime dateTime, String tzinfoRepr) {
		LocalDate date = dateTime.toLocalDate();
		return "datetime.datetime(" + date.getYear() + ", " + date.getMonthValue() + ", " + date.getDayOfMonth() + ", "
				+ clockFields(dateTime.toLocalTime()) + tzinfo(tzinfoRepr) + ")";
	}

	/** {@code str(timedelta)}: {@code 0:00:01.500000}, {@code 2 days, 3:04:05}, {@code -1 day, 23:59:59}. */
	static String timedelta(Duration duration) {
		long[] fields = timedeltaFields(duration);
		long seconds = fields[1];
		String clock = String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
		String days = (fields[0] != 0) ? fields[0] + ((Math.abs(fields[0]) != 1) ? " days, " : " day, ") : "";
		return days + clock + ((fields[2] != 0) ? String.format(".%06d", fields[2]) : "");
	}

	/** {@code repr(timedelta)}: {@code datetime.timedelta(days=-1, seconds=68400)}. */
	static String timedeltaRepr(Duration duration) {
		long[] fields = timedeltaFields(duration);
		StringBuilder arguments = new StringBuilder();
		String[] names = { "days=", "seconds=", "microseconds=" };
		for (int i = 0; i < fields.length; i++) {
			if (fields[i] != 0) {
				arguments.append((arguments.length() > 0) ? ", " : "").append(names[i]).append(fields[i]);
			}
		}
		return "datetime.timedelta(" + ((arguments.length() > 0) ? arguments : "0") + ")";
	}

	/** Python's normalized timedelta fields: days (any sign), seconds in [0, 86400), microseconds. */
	private static long[] timedeltaFields(Duration duration) {
		long micros = Math.floorDiv(duration.getNano(), 1000) + duration.getSeconds() * 1_000_000L;
		long days = Math.floorDiv(micros, 86_400_000_000L);
		long rest = Math.floorMod(micros, 86_400_000_000L);
		return new long[] { days, rest / 1_000_000, rest % 1_000_000 };
	}

	private static String clock(LocalTime time) {
		int micros = time.getNano() / 1000;
		return String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond())
				+ ((micros != 0) ? String.format(".%06d", micros) : "");
	}

	private static String clockFields(LocalTime time) {
		int micros = time.getNano() / 1000;
		String fields = time.getHour() + ", " + time.getMinute();
		if (micros != 0) {
			return fields + ", " + time.getSecond() + ", " + micros;
		}
		return (time.getSecond() != 0) ? fields + ", " + time.getSecond() : fields;
	}

	private static String tzinfo(String tzinfoRepr) {
		return (tzinfoRepr != null) ? ", tzinfo=" + tzinfoRepr : "";
	}

	/** The {@code repr()} of psycopg's fixed-offset {@code timezone} for a {@code timetz} value. */
	private static String timezoneRepr(ZoneOffset offset) {
		if (offset.getTotalSeconds() == 0) {
			return "datetime.timezone.utc";
		}
		return "datetime.timezone(" + timedeltaRepr(Duration.ofSeconds(offset.getTotalSeconds())) + ")";
	}

	/** Python's UTC offset suffix: {@code +HH:MM}, or {@code +HH:MM:SS} when it has seconds. */
	private static String offset(int totalSeconds) {
		int seconds = Math.abs(totalSeconds);
		String offset = String.format("%s%02d:%02d", (totalSeconds < 0) ? "-" : "+", seconds / 3600, (seconds / 60) % 60);
		return (seconds % 60 != 0) ? offset + String.format(":%02d", seconds % 60) : offset;
	}

}
