package io.github.pgaispring.sql;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What PostgreSQL reads from the rendered SQL: every literal form passed as a named argument reads back
 * exactly, whatever {@code standard_conforming_strings} is; source names resolve to the right table; and
 * whole statements parse.
 */
@PostgresTest
class SqlBuilderServerParseTests {

	private static final List<String> HOSTILE_STRINGS = List.of("it's", "'); drop table x; --", "back\\slash",
			"\\'", "trailing\\", "line1\nline2\r\n\ttab", "Grüße 🐘 日本語", "\u0001\u007f\b\f", "", "$$ $chunk $$",
			"E'x'", "\"q\"", "?");

	@Test
	void stringsReadBackExactlyWithEitherStandardConformingStrings(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createEcho(connection, "text");
			for (String setting : List.of("on", "off")) {
				execute(connection, "set standard_conforming_strings = " + setting);
				for (String value : HOSTILE_STRINGS) {
					assertThat(echo(connection, SqlFunctionCall.of("pg_temp.echo_text").text("v", value)))
						.as("%s with standard_conforming_strings %s", value, setting)
						.isEqualTo(value);
				}
			}
		}
	}

	@Test
	void textArraysReadBackExactly(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createEcho(connection, "text[]");
			String sql = SqlFunctionCall.of("pg_temp.echo_text_array").textArray("v", HOSTILE_STRINGS).toSql();
			try (Statement statement = statement(connection); ResultSet result = statement.executeQuery("SELECT " + sql)) {
				result.next();
				Array array = result.getArray(1);
				assertThat((String[]) array.getArray()).containsExactlyElementsOf(HOSTILE_STRINGS);
			}
		}
	}

	@Test
	void jsonOptionsReadBackAsTheSameJson(FreshDatabase database) throws SQLException {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("num_ctx", 4096);
		options.put("temperature", 0.25);
		options.put("stop", HOSTILE_STRINGS);
		options.put("nested", Map.of("flag", true, "none", List.of()));
		try (Connection connection = database.connect()) {
			createEcho(connection, "jsonb");
			execute(connection, "set standard_conforming_strings = off");
			String json = echo(connection, SqlFunctionCall.of("pg_temp.echo_jsonb").jsonb("v", options));
			assertThat(JsonMapper.shared().readTree(json)).isEqualTo(JsonMapper.shared().valueToTree(options));
		}
	}

	@Test
	void intervalsKeepDaysAndFractions(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createEcho(connection, "interval");
			for (Duration duration : List.of(Duration.ofDays(3).plusHours(1).plusMillis(500), Duration.ofMinutes(5),
					Duration.ofSeconds(-90), Duration.ofNanos(2_000))) {
				String interval = SqlFunctionCall.of("pg_temp.echo_interval").interval("v", duration).toSql();
				assertThat(new BigDecimal(single(connection, "SELECT extract(epoch from " + interval + ")")))
					.isEqualByComparingTo(BigDecimal.valueOf(duration.toNanos(), 9));
				assertThat(PostgresIntervals.parse(single(connection, "SELECT to_json(" + interval + ")#>>'{}'")))
					.isEqualTo(duration);
			}
		}
	}

	@Test
	void intervalTextAsTheServerWritesItIsReadBack(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			for (String style : List.of("postgres", "iso_8601")) {
				execute(connection, "set intervalstyle = " + style);
				for (String interval : List.of("5 minutes", "1 day 2 hours", "-1 day 2 hours 3.25 seconds",
						"49 hours", "1 year 2 months 3 days 04:05:06.789", "-1 year", "0")) {
					String text = single(connection, "SELECT to_json(interval '" + interval + "')#>>'{}'");
					// extract(epoch) counts a year as 365.25 days, psycopg (and so pgai) as 365
					BigDecimal epoch = new BigDecimal(single(connection, "SELECT extract(epoch from interval '"
							+ interval + "') - 21600 * extract(year from interval '" + interval + "')"));
					assertThat(BigDecimal.valueOf(PostgresIntervals.parse(text).toNanos(), 9))
						.as("%s in %s style: %s", interval, style, text)
						.isEqualByComparingTo(epoch);
				}
			}
		}
	}

	@Test
	void timestampsKeepTheInstant(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createEcho(connection, "timestamptz");
			execute(connection, "set timezone = 'Europe/Amsterdam'");
			for (OffsetDateTime timestamp : List.of(OffsetDateTime.parse("2025-06-30T23:59:59.123456Z"),
					OffsetDateTime.parse("2025-01-01T00:00+05:30"), OffsetDateTime.parse("1900-01-01T12:00:00-03:00"))) {
				String sql = SqlFunctionCall.of("pg_temp.echo_timestamptz").timestamptz("v", timestamp).toSql();
				try (Statement statement = statement(connection); ResultSet result = statement.executeQuery("SELECT " + sql)) {
					result.next();
					assertThat(result.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(timestamp.toInstant());
				}
				String json = single(connection, "SELECT to_json(" + sql + ")#>>'{}'");
				assertThat(OffsetDateTime.parse(json).toInstant()).as(json).isEqualTo(timestamp.toInstant());
			}
		}
	}

	@Test
	void numbersAndBooleansIncludingNegativesAfterTheArrow(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			createEcho(connection, "int4");
			createEcho(connection, "float8");
			createEcho(connection, "bool");
			assertThat(echo(connection, SqlFunctionCall.of("pg_temp.echo_int4").integer("v", -5))).isEqualTo("-5");
			assertThat(echo(connection, SqlFunctionCall.of("pg_temp.echo_float8").number("v", -0.000125)))
				.isEqualTo("-0.000125");
			assertThat(echo(connection, SqlFunctionCall.of("pg_temp.echo_float8").number("v", 1e20))).isEqualTo("1e+20");
			assertThat(echo(connection, SqlFunctionCall.of("pg_temp.echo_bool").bool("v", false))).isEqualTo("f");
		}
	}

	@Test
	void sourceNamesResolveToTheIntendedTable(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			execute(connection, "create schema \"My Schema\"");
			execute(connection, "create table \"My Schema\".\"Blog\" (id int primary key)");
			execute(connection, "create table \"My Schema\".blog (id int primary key)");
			execute(connection, "create table public.\"it's \"\"x\"\" ; drop\" (id int primary key)");
			execute(connection, "create table public.\"user\" (id int primary key)");
			assertResolves(connection, CreateVectorizer.source("\"My Schema\".\"Blog\""), "My Schema", "Blog");
			assertResolves(connection, CreateVectorizer.source("My Schema", "Blog"), "My Schema", "Blog");
			assertResolves(connection, CreateVectorizer.source("My Schema", "blog"), "My Schema", "blog");
			assertResolves(connection, CreateVectorizer.source("\"My Schema\".BLOG"), "My Schema", "blog");
			assertResolves(connection, CreateVectorizer.source("public", "it's \"x\" ; drop"), "public",
					"it's \"x\" ; drop");
			assertResolves(connection, CreateVectorizer.source("user"), "public", "user");
		}
	}

	/**
	 * The whole statement passes the parser and the analysis of its literals, so the only error left is the
	 * missing catalog: schema {@code ai} does not exist.
	 */
	@Test
	void wholeStatementsParse(FreshDatabase database) throws SQLException {
		CreateVectorizer everything = CreateVectorizer.source("public", "Docs")
			.name("docs")
			.destination(DestinationConfig.table("d").withTargetSchema("s").withViewName("v"))
			.loading(LoadingConfig.uri("url").withRetries(2).withAwsRoleArn("arn:aws:iam::1:role/r"))
			.parsing(ParsingConfig.pymupdf())
			.embedding(EmbeddingConfig.ollama("m", 3).withOptions(Map.of("stop", List.of("it's\\n"))).withKeepAlive("5m"))
			.chunking(ChunkingConfig.recursiveCharacterTextSplitter(10, 2).withSeparators("\n", "'"))
			.indexing(IndexingConfig.diskann().withMaxAlpha(1.2).withMinRows(-1))
			.formatting(FormattingConfig.pythonTemplate("it's $chunk\n"))
			.scheduling(SchedulingConfig.timescaledb(Duration.ofDays(1))
				.withInitialStart(OffsetDateTime.parse("2025-01-01T00:00Z")))
			.processing(ProcessingConfig.defaults().withBatchSize(5))
			.queueSchema("q")
			.queueTable("t")
			.grantTo("a", "b'c")
			.enqueueExisting(false)
			.ifNotExists(true);
		try (Connection connection = database.connect()) {
			execute(connection, "create table public.\"Docs\" (id int primary key, url text)");
			for (String sql : List.of(everything.toSql(), DropVectorizer.name("x'y").dropAll(true).toSql(),
					DropVectorizer.id(1).toSql())) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> execute(connection, "PREPARE p AS " + sql))
					.satisfies((ex) -> assertThat(ex.getSQLState()).as("%s: %s", sql, ex.getMessage())
						.isEqualTo("3F000"));
			}
		}
	}

	private static void assertResolves(Connection connection, CreateVectorizer statement, String schema, String table)
			throws SQLException {
		String sql = statement.toSql();
		String regclass = sql.substring(sql.indexOf('\n') + 5, sql.lastIndexOf('\n'));
		try (PreparedStatement expected = connection.prepareStatement(
				"select c.oid = (" + regclass + ")::oid from pg_class c join pg_namespace n on n.oid = c.relnamespace "
						+ "where n.nspname = ? and c.relname = ?")) {
			expected.setString(1, schema);
			expected.setString(2, table);
			try (ResultSet result = expected.executeQuery()) {
				assertThat(result.next()).as("table %s.%s exists", schema, table).isTrue();
				assertThat(result.getBoolean(1)).as(regclass).isTrue();
			}
		}
	}

	private static void createEcho(Connection connection, String type) throws SQLException {
		String name = "echo_" + type.replace("[]", "_array");
		execute(connection, "create function pg_temp." + name + "(v " + type + ") returns " + type
				+ " language sql as 'select v'");
	}

	private static String echo(Connection connection, SqlFunctionCall call) throws SQLException {
		return single(connection, "SELECT " + call.toSql());
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = statement(connection); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = statement(connection)) {
			statement.execute(sql);
		}
	}

	private static Statement statement(Connection connection) throws SQLException {
		Statement statement = connection.createStatement();
		statement.setEscapeProcessing(false);
		return statement;
	}

}
