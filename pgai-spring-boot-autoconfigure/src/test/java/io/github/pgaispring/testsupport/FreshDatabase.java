package io.github.pgaispring.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database created for one test class on the {@link TestPostgres} server, with the {@code vector}
 * extension installed.
 *
 * @param server the server it lives on
 * @param name the database name
 * @param url its JDBC URL
 * @param user the role to connect as
 * @param password the role's password
 */
public record FreshDatabase(TestPostgres server, String name, String url, String user, String password) {

	/** Opens a new connection (auto-commit). */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	/** A non-pooling data source for this database. */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(this.url);
		dataSource.setUser(this.user);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	/** The {@code spring.datasource.*} properties that point an application at this database. */
	public Map<String, Object> springProperties() {
		return Map.of("spring.datasource.url", this.url, "spring.datasource.username", this.user,
				"spring.datasource.password", this.password);
	}

	/** The same properties as {@code key=value} strings, for {@code ApplicationContextRunner}. */
	public String[] springPropertyValues() {
		return springProperties().entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/** Drops the database, closing any connection still open to it. */
	public void drop() {
		this.server.drop(this.name);
	}

}
