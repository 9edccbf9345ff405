package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.catalog.CatalogInstallationException;
import io.github.pgaispring.repository.EmbeddingStoreMappingException;
import io.github.pgaispring.repository.InvalidNearestQueryMethodException;
import io.github.pgaispring.sql.VectorizerDefinitionChangedException;
import io.github.pgaispring.sql.VectorizerDefinitionSupersededException;

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
			String key = "pgai.vectorizers." + cause.getVectorizerName() + ".on-change";
			boolean migratable = cause.getDifferences()
				.stream()
				.noneMatch((difference) -> difference.startsWith("source:") || difference.startsWith("destination:"));
			String migrate = migratable ? key + "=migrate to build a new store beside the current one and switch to it"
					+ " once it has caught up (searches keep working meanwhile), or " : "";
			return new FailureAnalysis(cause.getMessage(),
					"Change pgai.vectorizers." + cause.getVectorizerName() + " back to the stored configuration, or set "
							+ migrate + key + "=recreate to drop the vectorizer with its embeddings and create it again"
							+ " (every row is embedded again" + (migratable ? "" : "; a migration cannot change the"
									+ " source or destination") + ").",
					cause);
		}

	}

	/** An instance with the configuration a finished migration replaced, which would migrate the vectorizer back. */
	static final class VectorizerDefinitionSuperseded
			extends AbstractFailureAnalyzer<VectorizerDefinitionSupersededException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, VectorizerDefinitionSupersededException cause) {
			String prefix = "pgai.vectorizers." + cause.getVectorizerName();
			return new FailureAnalysis(cause.getMessage() + ". With " + prefix + ".on-change=migrate it would migrate"
					+ " the vectorizer back and embed every row again, and the instances with the new configuration would"
					+ " migrate it forth once more. Nothing was changed.",
					"Deploy the configuration the vectorizer has now (the one the migration was deployed with; "
							+ String.join(", ", cause.getParts().stream().map((part) -> prefix + "." + part + ".*").toList())
							+ " as ai.vectorizer stores them), so that this instance finds it unchanged. To go back to"
							+ " the declared definition on purpose, migrate back once by hand with " + cause.getMigrateBackSql()
							+ " and deploy this configuration to every instance (docs/operations.md, rolling deploys).",
					cause);
		}

	}

	/** The {@code ai} catalog could not be installed: PostgreSQL too old, pgvector missing, or SQL failing. */
	static final class CatalogInstallation extends AbstractFailureAnalyzer<CatalogInstallationException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, CatalogInstallationException cause) {
			String message = String.valueOf(cause.getMessage());
			String action = cause.getAction();
			if (action != null) {
				String problem = message.endsWith("; " + action)
						? message.substring(0, message.length() - action.length() - 2) : message;
				return new FailureAnalysis(problem + ". Nothing was changed in the database.",
						Character.toUpperCase(action.charAt(0)) + action.substring(1)
								+ " (see docs/database-setup.md), then start the application again.",
						cause);
			}
			return new FailureAnalysis(message + ". Nothing was changed in the database.",
					"Check that the database user (spring.datasource.username) may create schemas, tables and functions"
							+ " in this database, or install the catalog once as the database owner; set"
							+ " pgai.catalog.install=false when the catalog is managed elsewhere (see"
							+ " docs/database-setup.md).",
					cause);
		}

	}

	/** {@code @Vectorized} mappings that no vectorizer, or a different one, writes. */
	static final class EmbeddingStoreMapping extends AbstractFailureAnalyzer<EmbeddingStoreMappingException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, EmbeddingStoreMappingException cause) {
			return new FailureAnalysis(
					"Embedding stores and vectorizers disagree:\n  " + String.join("\n  ", cause.getProblems()),
					String.join("\n", cause.getFixes()), cause);
		}

	}

	/** A {@code findNearestBy…} repository method that does not parse. */
	static final class InvalidNearestQueryMethod extends AbstractFailureAnalyzer<InvalidNearestQueryMethodException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, InvalidNearestQueryMethodException cause) {
			String suggestion = cause.getSuggestion();
			String action = (suggestion != null)
					? "Name the condition after an existing property: did you mean " + suggestion + "?"
					: "Change " + cause.getMethod() + " as the description says.";
			return new FailureAnalysis(cause.getMessage(),
					action + " Nearest-neighbour methods read (find|read|get|query|search|stream)[Top<n>]NearestBy"
							+ "<Distance>[And<condition>], take the query first, then the condition arguments, then a"
							+ " Limit or int and a Similarity, Score or double threshold (docs/jpa-integration.md).",
					cause);
		}

	}

}
