package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.testsupport.FreshDatabase;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts for the worker's end-to-end tests: the data source, catalog, declared-vectorizer and
 * worker auto-configurations against a test database.
 */
final class WorkerTestContexts {

	private WorkerTestContexts() {
	}

	/** A runner whose contexts use the given database; each context starts the worker unless told not to. */
	static ApplicationContextRunner runner(FreshDatabase database) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class,
					PgaiWorkerAutoConfiguration.class))
			.withPropertyValues(database.springPropertyValues());
	}

}
