package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.sql.VectorizerDefinitionChangedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Startup failure reports for the starter's configuration errors, registered in
 * {@code META-INF/spring.factories}.
 */
final class PgaiFailureAnalyzers {

	private PgaiFailureAnalyzers() {
	}

	/** A {@code pgai.vectorizers.*} property that cannot work. */
	static final class InvalidVectorizerProperty extends AbstractFailureAnalyzer<InvalidVectorizerPropertyException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, InvalidVectorizerPropertyException cause) {
			return new FailureAnalysis("Invalid vectorizer property " + cause.getMessage(), cause.getAction(), cause);
		}

	}

	/** A declared vectorizer that exists with another configuration. */
	static final class VectorizerDefinitionChanged
			extends AbstractFailureAnalyzer<VectorizerDefinitionChangedException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, VectorizerDefinitionChangedException cause) {
			String name = cause.getVectorizerName();
			return new FailureAnalysis(cause.getMessage(),
					"Change pgai.vectorizers." + name + " back to the stored configuration, or set pgai.vectorizers." + name
							+ ".on-change=recreate to drop the vectorizer with its embeddings and create it again"
							+ " (every row is embedded again).",
					cause);
		}

	}

}
