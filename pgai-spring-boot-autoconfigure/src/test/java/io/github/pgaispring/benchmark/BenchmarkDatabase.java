package io.github.pgaispring.benchmark;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.TestPostgres;

/**
 * A fresh database on the test PostgreSQL server with a Hikari pool in front of it, as an application
 * would have. Closing it closes the pool and drops the database.
 */
final class BenchmarkDatabase implements AutoCloseable {

	private final FreshDatabase database;

	private final HikariDataSource dataSource;

	private BenchmarkDatabase(FreshDatabase database, int poolSize) {
		this.database = database;
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(database.url());
		config.setUsername(database.user());
		config.setPassword(database.password());
		config.setMaximumPoolSize(poolSize);
		config.setPoolName("benchmark");
		this.dataSource = new HikariDataSource(config);
	}

	/**
	 * Creates the database.
	 * @param purpose part of the database name
	 * @param poolSize the most connections the pool opens
	 * @return the database
	 */
	static BenchmarkDatabase create(String purpose, int poolSize) {
		return new BenchmarkDatabase(TestPostgres.server().createDatabase(purpose), poolSize);
	}

	/** The pooled data source. */
	DataSource dataSource() {
		return this.dataSource;
	}

	/** The database's coordinates, for a Spring application pointed at it. */
	FreshDatabase database() {
		return this.database;
	}

	/** Closes the pool and drops the database. */
	@Override
	public void close() {
		this.dataSource.close();
		this.database.drop();
	}

}
