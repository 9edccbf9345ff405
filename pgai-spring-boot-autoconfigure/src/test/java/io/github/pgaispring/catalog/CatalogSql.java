package io.github.pgaispring.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL helpers for the catalog tests, on a database where the catalog is installed.
 */
final class CatalogSql {

	private final JdbcTemplate jdbc;

	private CatalogSql(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Installs the catalog into the database and returns helpers for it. */
	static CatalogSql installedIn(DataSource dataSource) {
		new CatalogInstaller(dataSource).install();
		return new CatalogSql(dataSource);
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	void execute(String... statements) {
		for (String statement : statements) {
			this.jdbc.execute(statement);
		}
	}

	String string(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, String.class, args);
	}

	long number(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Long.class, args);
	}

	boolean bool(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Boolean.class, args);
	}

	List<String> strings(String sql, Object... args) {
		return this.jdbc.queryForList(sql, String.class, args);
	}

	List<Map<String, Object>> rows(String sql, Object... args) {
		return this.jdbc.queryForList(sql, args);
	}

	/** The columns of a table or view: quoted name, type, not null and default. */
	List<String> columns(String schema, String table) {
		return strings("""
				select concat_ws(' ', quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),
				  case when a.attnotnull then 'not null' end, 'default ' || pg_get_expr(d.adbin, d.adrelid))
				from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
				where a.attrelid = format('%I.%I', ?, ?)::regclass and a.attnum > 0 and not a.attisdropped
				order by a.attnum""", schema, table);
	}

	/** The definitions of a table's constraints. */
	List<String> constraints(String table) {
		return strings("select pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass"
				+ " order by contype, conname", table);
	}

	/** A table's indexes from their access method on ({@code USING ...}). */
	List<String> indexes(String table) {
		return strings("select substring(pg_get_indexdef(indexrelid) from 'USING .*') from pg_index"
				+ " where indrelid = ?::regclass order by indexrelid", table);
	}

	/** Runs a statement that must fail and returns the server's message, followed by its hint if it has one. */
	String failure(String sql) {
		Throwable cause = failureOf(sql).getMostSpecificCause();
		if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			return server.getMessage() + ((server.getHint() != null) ? "\nHINT: " + server.getHint() : "");
		}
		return cause.getMessage();
	}

	/** The SQLSTATE of a statement that must fail. */
	String sqlState(String sql) {
		return ((SQLException) failureOf(sql).getMostSpecificCause()).getSQLState();
	}

	private DataAccessException failureOf(String sql) {
		try {
			this.jdbc.execute(sql);
		}
		catch (DataAccessException ex) {
			return ex;
		}
		throw new AssertionError("Expected this statement to fail, but it succeeded: " + sql);
	}

	/**
	 * Everything create_vectorizer could leave behind: relations, triggers and trigger functions, columns of
	 * user tables, vectorizer rows, and grants.
	 */
	String snapshot() {
		return String.join("\n", strings("""
				select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
				union all
				select 'trigger ' || tgname from pg_trigger where not tgisinternal
				union all
				select 'function ' || p.proname from pg_proc p where p.proname like '\\_vectorizer\\_src\\_trg\\_%'
				union all
				select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
				from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
				where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'ai') and a.attnum > 0
				and not a.attisdropped and c.relkind = 'r'
				union all
				select 'vectorizer ' || id || ' ' || name from ai.vectorizer
				union all
				select 'acl ' || c.relname || ' ' || coalesce(c.relacl::text, '') from pg_class c
				join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema')
				order by 1"""));
	}

}
