package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Picks the starter's {@link DataSource}: the {@link PgaiDataSource @PgaiDataSource} one, else the only or
 * {@code @Primary} one, as Boot's Flyway auto-configuration does.
 */
final class PgaiDataSources {

	private PgaiDataSources() {
	}

	static DataSource pick(ObjectProvider<DataSource> pgaiDataSource, ObjectProvider<DataSource> dataSources) {
		DataSource qualified = pgaiDataSource.getIfAvailable();
		if (qualified != null) {
			return qualified;
		}
		DataSource unique = dataSources.getIfUnique();
		if (unique == null) {
			throw new NoUniquePgaiDataSourceException(dataSources.stream().count());
		}
		return unique;
	}

	/** Several {@link DataSource} beans, none of them primary or qualified with {@link PgaiDataSource}. */
	static final class NoUniquePgaiDataSourceException extends IllegalStateException {

		NoUniquePgaiDataSourceException(long count) {
			super("The pgai starter needs one DataSource, but the application has " + count
					+ " DataSource beans and none is @Primary or @PgaiDataSource");
		}

	}

}
