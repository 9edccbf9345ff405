package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.autoconfigure.PgaiDataSources.NoUniquePgaiDataSourceException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an application with several {@code DataSource}s of which the starter cannot pick one. */
final class NoUniquePgaiDataSourceFailureAnalyzer extends AbstractFailureAnalyzer<NoUniquePgaiDataSourceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoUniquePgaiDataSourceException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Annotate the DataSource bean that holds the vectorized tables with @PgaiDataSource"
						+ " (io.github.pgaispring.autoconfigure.PgaiDataSource), or mark it @Primary.",
				cause);
	}

}
