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

	/**
	 * The properties of a vectorizer on {@code table} (text in {@code body}) that embeds with a local server speaking
	 * OpenAI's API at 3 dimensions, processed alone by a worker that polls every 100 ms and retries after 50 ms.
	 */
	static String[] openAiVectorizer(String table, String baseUrl, String apiKey) {
		String vectorizer = "pgai.vectorizers." + table + ".";
		return new String[] { vectorizer + "source=" + table, vectorizer + "loading.column=body",
				vectorizer + "embedding.provider=openai", vectorizer + "embedding.model=text-embedding-3-small",
				vectorizer + "embedding.dimensions=3", vectorizer + "embedding.api-key-name=TEST_OPENAI_KEY",
				vectorizer + "embedding.base-url=" + baseUrl + "/v1", "TEST_OPENAI_KEY=" + apiKey,
				"pgai.worker.vectorizers=" + table, "pgai.worker.poll-interval=100ms", "pgai.worker.retry-backoff=50ms",
				"pgai.worker.max-retry-backoff=100ms", "pgai.http.retry.initial-backoff=10ms",
				"pgai.http.retry.max-backoff=20ms" };
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
