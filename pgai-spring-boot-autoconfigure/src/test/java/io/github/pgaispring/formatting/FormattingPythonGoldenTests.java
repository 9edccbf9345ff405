package io.github.pgaispring.formatting;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Checks value rendering and template handling against CPython, stored in {@code python-values.json}.
 * <p>
 * How the data was produced: a seeded generator run with CPython 3.11.7, outside this repository, built the
 * Python objects psycopg returns for PostgreSQL values ({@code float} for {@code float8}; for {@code float4}
 * {@code float()} of PostgreSQL 15's own text output of the value; {@code Decimal} of PostgreSQL's numeric text;
 * {@code str}; {@code bytes}; {@code timedelta}; naive and {@code ZoneInfo}-aware {@code datetime};
 * {@code date}; {@code time} with and without a fixed-offset {@code timezone}; {@code json.loads} results)
 * and recorded their {@code str()} and {@code repr()}: about 2,800 doubles (random bit patterns, powers of two,
 * subnormals, decimals), 400 reals, 600 strings over control, format, separator, combining, private-use and
 * astral characters, 200 byte strings, 300 decimals, 300 durations, 300 date-times in six time zones and 300
 * JSON documents. It also recorded, for 425 templates, {@code get_identifiers()}, the ValueError message of a
 * template that is invalid whatever the row holds (the port rejects it when the formatter is created, while
 * Python raises at the first substitution, possibly a KeyError for an earlier placeholder) and otherwise
 * {@code string.Template(t).substitute(mapping)} or its missing key.
 */
class FormattingPythonGoldenTests {

	private static final Map<String, Object> GOLDEN = load();

	private static final PythonValueRenderer UTC = new PythonValueRenderer(ZoneOffset.UTC);

	@TestFactory
	Stream<DynamicTest> doublesRenderLikePythonFloatRepr() {
		return cases("doubles", (c) -> {
			double value = Double.longBitsToDouble(Long.parseLong((String) c.get("bits")));
			assertThat(UTC.str(value)).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> realsRenderLikePythonFloatOfPostgresText() {
		return cases("reals", (c) -> {
			float value = Float.intBitsToFloat(((Number) c.get("bits")).intValue());
			assertThat(UTC.str(value)).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> stringsRenderLikePythonStrRepr() {
		return cases("strings", (c) -> {
			String text = (String) c.get("text");
			assertThat(UTC.str(text)).isEqualTo(text);
			assertThat(UTC.repr(text)).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> bytesRenderLikePythonBytes() {
		return cases("bytes", (c) -> {
			byte[] bytes = HexFormat.of().parseHex((String) c.get("hex"));
			assertThat(UTC.str(bytes)).isEqualTo(c.get("repr"));
			assertThat(UTC.repr(bytes)).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> numericsRenderLikePythonDecimal() {
		return cases("decimals", (c) -> {
			String text = (String) c.get("text");
			if (!text.matches("-?[0-9.]+")) {
				// PgJDBC returns numeric NaN and infinities as Double (see the formatter's Javadoc)
				return;
			}
			assertThat(UTC.str(new BigDecimal(text))).isEqualTo(c.get("str"));
			assertThat(UTC.repr(new BigDecimal(text))).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> durationsRenderLikePythonTimedelta() {
		return cases("timedeltas", (c) -> {
			Duration duration = Duration.of(((Number) c.get("micros")).longValue(), ChronoUnit.MICROS);
			assertThat(UTC.str(duration)).isEqualTo(c.get("str"));
			assertThat(UTC.repr(duration)).isEqualTo(c.get("repr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> dateTimesRenderLikePythonDatetime() {
		return cases("temporals", (c) -> {
			Instant instant = Instant.EPOCH.plus(((Number) c.get("epochMicros")).longValue(), ChronoUnit.MICROS);
			PythonValueRenderer session = new PythonValueRenderer(ZoneId.of((String) c.get("zone")));
			assertThat(session.str(instant.atOffset(ZoneOffset.UTC))).isEqualTo(c.get("awareStr"));
			assertThat(session.repr(instant)).isEqualTo(c.get("awareRepr"));
			LocalDateTime local = LocalDateTime.parse((String) c.get("local"));
			assertThat(UTC.str(local)).isEqualTo(c.get("naiveStr"));
			assertThat(UTC.repr(local)).isEqualTo(c.get("naiveRepr"));
			assertThat(UTC.str(java.sql.Timestamp.valueOf(local))).isEqualTo(c.get("naiveStr"));
			assertThat(UTC.str(local.toLocalDate())).isEqualTo(c.get("dateStr"));
			assertThat(UTC.repr(local.toLocalDate())).isEqualTo(c.get("dateRepr"));
			assertThat(UTC.str(local.toLocalTime())).isEqualTo(c.get("timeStr"));
			assertThat(UTC.repr(local.toLocalTime())).isEqualTo(c.get("timeRepr"));
			OffsetTime timetz = OffsetTime.of(local.toLocalTime(),
					ZoneOffset.ofTotalSeconds(((Number) c.get("offsetSeconds")).intValue()));
			assertThat(UTC.str(timetz)).isEqualTo(c.get("timetzStr"));
			assertThat(UTC.repr(timetz)).isEqualTo(c.get("timetzRepr"));
		});
	}

	@TestFactory
	Stream<DynamicTest> jsonRendersLikePythonStrOfJsonLoads() {
		return cases("json", (c) -> assertThat(UTC.str(PythonJson.parse((String) c.get("text")))).isEqualTo(c.get("str")));
	}

	@TestFactory
	Stream<DynamicTest> templatesBehaveLikePythonStringTemplate() {
		Map<String, Object> row = new LinkedHashMap<>(map(GOLDEN.get("templateMapping")));
		String chunk = (String) row.remove(PythonTemplateFormatter.CHUNK);
		return cases("templates", (c) -> {
			String template = (String) c.get("template");
			if (c.containsKey("error")) {
				assertThatIllegalArgumentException().isThrownBy(() -> new PythonTemplateFormatter(template))
					.withMessageStartingWith((String) c.get("error") + " (formatting template");
				return;
			}
			PythonTemplateFormatter formatter = new PythonTemplateFormatter(template);
			assertThat(formatter.placeholders()).containsExactlyElementsOf(list(c.get("identifiers")));
			if (c.containsKey("missing")) {
				assertThatIllegalArgumentException().isThrownBy(() -> formatter.format(chunk, row))
					.withMessageStartingWith("KeyError: '" + c.get("missing") + "'");
			}
			else {
				assertThat(formatter.format(chunk, row)).isEqualTo(c.get("result"));
			}
		});
	}

	private static Stream<DynamicTest> cases(String section, Consumer<Map<String, Object>> check) {
		List<Map<String, Object>> cases = list(GOLDEN.get(section));
		assertThat(cases).isNotEmpty();
		return cases.stream().map((c) -> DynamicTest.dynamicTest(section + " " + c, () -> check.accept(c)));
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load() {
		try (InputStream json = FormattingPythonGoldenTests.class.getResourceAsStream("python-values.json")) {
			return JsonMapper.builder().build().readValue(json, Map.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
