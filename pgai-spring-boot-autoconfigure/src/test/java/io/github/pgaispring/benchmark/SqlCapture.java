package io.github.pgaispring.benchmark;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Remembers the last SQL statement Hibernate prepared, so that the bare-JDBC baseline runs exactly the
 * SQL the repository method runs.
 */
public class SqlCapture implements StatementInspector {

	private static volatile String last;

	@Override
	public String inspect(String sql) {
		last = sql;
		return sql;
	}

	/** The last statement Hibernate prepared. */
	static String last() {
		return last;
	}

}
