package io.github.pgaispring.autoconfigure;

import java.sql.SQLException;

/**
 * Names the property behind the server's rejection of a declared vectorizer, and what to do. The vectorizer's
 * transaction is rolled back, but what ran before it (the catalog install, Flyway or Liquibase migrations) is kept,
 * so the reports never say that nothing changed in the database.
 */
final class DeclaredVectorizerRejection {

	/** Where pgai's installer, not the starter, provides {@code ai.create_vectorizer}. */
	private static final String PGAI_CATALOG = "This database's ai.create_vectorizer is pgai's own: pgai's installer"
			+ " ('pgai install') prepared the database or ran after the starter (ai.pgai_lib_version shows its version),"
			+ " and the starter leaves pgai's functions as they are. ";

	private static final String ROLLED_BACK = "; this vectorizer's own changes were rolled back (the catalog install and"
			+ " migrations that ran before it are kept)";

	private DeclaredVectorizerRejection() {
	}

	/**
	 * The report for a declared vectorizer that the server rejected.
	 * @param name the vectorizer's name under {@code pgai.vectorizers}
	 * @param definition its definition
	 * @param ex the server's error
	 * @return the report
	 */
	static InvalidVectorizerPropertyException of(String name, VectorizerDefinition definition, SQLException ex) {
		String key = "pgai.vectorizers." + name;
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		if ("42P01".equals(state) || "3F000".equals(state)) {
			return new InvalidVectorizerPropertyException(key + ".source", message,
					"Create the table before the application starts (Flyway, Liquibase or JPA schema generation) or "
							+ "correct " + key + ".source (currently '" + definition.getSource() + "')");
		}
		if ("42703".equals(state) && message.contains("formatting template")) {
			return new InvalidVectorizerPropertyException(key + ".formatting.template", message,
					"Use only $chunk and columns of " + definition.getSource() + " (the message lists them) in " + key
							+ ".formatting.template, or add the column to the table" + ROLLED_BACK);
		}
		if (message.contains("column_name")) {
			return new InvalidVectorizerPropertyException(key + ".loading.column", message,
					"Set " + key + ".loading.column to a text column of " + definition.getSource() + ROLLED_BACK);
		}
		if (message.contains("invalid embedding implementation: \"onnx\"")) {
			return new InvalidVectorizerPropertyException(key + ".embedding.provider", message, PGAI_CATALOG
					+ "pgai's function accepts only the embedding providers openai, ollama, voyageai and litellm, not the"
					+ " starter's in-process onnx models. Set " + key + ".embedding.provider to openai or ollama (with"
					+ " model and dimensions), or declare this vectorizer in a database whose pgai SQL API the starter"
					+ " installed. Vectorizers created before pgai's installer ran keep working" + ROLLED_BACK);
		}
		if (message.contains("unrecognized formatting implementation")) {
			return new InvalidVectorizerPropertyException(key + ".formatting.chunk-value", message, PGAI_CATALOG
					+ "pgai's function accepts only python_template formatting. Remove " + key
					+ ".formatting.chunk-value, or use " + key + ".formatting.template" + ROLLED_BACK);
		}
		if (message.contains("automatic indexing is not supported without scheduling")) {
			return new InvalidVectorizerPropertyException(key + ".indexing.type", message, PGAI_CATALOG
					+ "pgai's function builds vector indexes only from a timescaledb job. Set " + key
					+ ".indexing.type to none (or default), or schedule the vectorizer with timescaledb" + ROLLED_BACK);
		}
		if ("42883".equals(state) && (message.contains("ai.embedding_onnx") || message.contains("ai.formatting_chunk_value")
				|| message.contains("ai.create_vectorizer"))) {
			return new InvalidVectorizerPropertyException(key, message, "The database lacks the starter's additions to"
					+ " pgai's SQL API (ai.embedding_onnx, ai.formatting_chunk_value, the legacy ai.create_vectorizer"
					+ " forms). The starter's catalog installer adds them, also to a catalog pgai's installer made (it"
					+ " leaves pgai's functions alone): remove pgai.catalog.install=false, or run the application once"
					+ " with it" + ROLLED_BACK);
		}
		return new InvalidVectorizerPropertyException(key, message, "Correct " + key + " as the message says"
				+ ROLLED_BACK);
	}

}
