package io.github.pgaispring.formatting;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Formats a real PostgreSQL row, read with PgJDBC through {@link PythonRowReader}, and compares the result
 * with what pgai produces for the same row: the expected text is CPython 3.11's
 * {@code string.Template(...).substitute(chunk=..., **row)} on the values psycopg returns for these columns
 * with the session time zone Europe/Paris.
 */
@PostgresTest
class FormattingPostgresRowTests {

	private static final String TEMPLATE = "$chunk :: $id | $title | $n_small | $n_big | $price | $ratio | $score | $flag"
			+ " | $born | $at_local | $at_tz | $t | $ttz | $span | $uid | $tags | $nums | $doc | $raw | $data | $nothing"
			+ " | $mood | $tiny | $nan | $moment";

	private static final String EXPECTED = "CHUNK :: 1 | Hello 'world' | 7 | 9007199254740993 | 1234.50 | 0.1 | 1.1"
			+ " | True | 2024-01-02 | 2024-01-02 03:04:05.250000 | 2024-01-02 04:04:05+01:00 | 03:04:05 | 03:04:05+02:00"
			+ " | 428 days, 4:05:06.500000 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 | ['a', 'b c', None] | [1, 2]"
			+ " | {'a': [True, None, 1.5], 'b': 1} | {'z': 'y'} | b'\\x00\\xffA' | None | happy | 1E-7 | NaN"
			+ " | [datetime.datetime(2024, 5, 6, 7, 8, 9)]";

	@Test
	void formatsEveryCommonColumnTypeLikePgai(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create type mood as enum ('sad', 'happy')");
			statement.execute("""
					create table blog (id int primary key, title text, n_small smallint, n_big bigint,
					price numeric(10, 2), ratio float8, score real, flag boolean, born date, at_local timestamp,
					at_tz timestamptz, t time, ttz timetz, span interval, uid uuid, tags text[], nums int[],
					doc jsonb, raw json, data bytea, nothing text, mood mood, tiny numeric, nan numeric,
					moment timestamp[])""");
			statement.execute("""
					insert into blog values (1, 'Hello ''world''', 7, 9007199254740993, 1234.5, 0.1, 1.1, true,
					'2024-01-02', '2024-01-02 03:04:05.25', '2024-01-02 03:04:05+00', '03:04:05', '03:04:05+02',
					'1 year 2 mons 3 days 04:05:06.5', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{a,"b c",NULL}',
					'{1,2}', '{"b": 1, "a": [true, null, 1.5]}', '{"z": "x", "z": "y"}', '\\x00ff41', null,
					'happy', 0.0000001, 'NaN', '{"2024-05-06 07:08:09"}')""");
			try (ResultSet resultSet = statement.executeQuery("select * from blog")) {
				assertThat(resultSet.next()).isTrue();
				Map<String, Object> row = PythonRowReader.read(resultSet);
				PythonTemplateFormatter formatter = new PythonTemplateFormatter(TEMPLATE, ZoneId.of("Europe/Paris"));
				formatter.validateColumns(row.keySet());
				assertThat(formatter.format("CHUNK", row)).isEqualTo(EXPECTED);
			}
		}
	}

	@Test
	void validationNamesAMissingColumnBeforeAnyRowIsFormatted(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create table note (id int primary key, body text)");
			try (ResultSet resultSet = statement.executeQuery("select * from note")) {
				List<String> columns = new ArrayList<>();
				for (int i = 1; i <= resultSet.getMetaData().getColumnCount(); i++) {
					columns.add(resultSet.getMetaData().getColumnLabel(i));
				}
				PythonTemplateFormatter formatter = new PythonTemplateFormatter("$title: $chunk");
				assertThatIllegalArgumentException().isThrownBy(() -> formatter.validateColumns(columns))
					.withMessage("Formatting template '$title: $chunk' uses $title, but the source has no column"
							+ " named 'title' (columns: body, id); fix the template or add the column");
			}
		}
	}

}
