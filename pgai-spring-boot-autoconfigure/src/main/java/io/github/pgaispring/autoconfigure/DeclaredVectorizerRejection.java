package io.github.pgaispring.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.pgaispring.catalog.CatalogInstaller;

/**
 * Names the property behind the server's rejection of a declared vectorizer, and the fix. The vectorizer's
 * transaction is rolled back, but what ran before it (the catalog install, Flyway or Liquibase migrations) is kept,
 * and the reports say so.
 */
final class DeclaredVectorizerRejection {

	private static final String NOT_CREATED = " The vectorizer was not created or changed; the catalog install and the"
			+ " migrations before it were applied.";

	private DeclaredVectorizerRejection() {
	}

	/**
	 * The report for a declared vectorizer that the server rejected.
	 * @param connection the connection the vectorizer was reconciled on, to describe the catalog
	 * @param name the vectorizer's name under {@code pgai.vectorizers}
	 * @param definition its definition
	 * @param ex the server's error
	 * @return the report
	 */
	static InvalidVectorizerPropertyException of(Connection connection, String name, VectorizerDefinition definition,
			SQLException ex) {
		String key = "pgai.vectorizers." + name;
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		if ("42P01".equals(state) || "3F000".equals(state)) {
			return new InvalidVectorizerPropertyException(key + ".source", message,
					"Create the table before the application starts (Flyway, Liquibase or JPA schema generation) or "
							+ "correct " + key + ".source (currently '" + definition.source() + "')." + NOT_CREATED);
		}
		if ("42883".equals(state) && message.contains("ai.")) {
			String provider = PgaiPropertyKeys.valueName(definition.embedding().provider());
			return new InvalidVectorizerPropertyException(key + ".embedding.provider",
					"this database's ai catalog (" + describeCatalog(connection) + ") lacks a function that provider "
							+ provider + " or the starter's additions need: " + message,
					"The starter's catalog installer adds its additions (ai.embedding_onnx, ai.embedding_spring_ai,"
							+ " ai.embedding_custom, ai.formatting_chunk_value,"
							+ " the legacy ai.create_vectorizer forms) to every catalog, also to pgai's own, whose"
							+ " functions it leaves alone: remove pgai.catalog.install=false. Or use a provider pgai's own"
							+ " functions have, e.g. " + key + ".embedding.provider=openai with embedding.model and"
							+ " embedding.dimensions." + NOT_CREATED);
		}
		if (message.contains("invalid embedding implementation: \"")
				&& definition.embedding().provider() != VectorizerDefinition.Embedding.Provider.ONNX) {
			return pgaisFunction(connection, key + ".embedding.provider", message, "It accepts only the embedding"
					+ " providers openai, ollama, voyageai and litellm, not the starter's "
					+ PgaiPropertyKeys.valueName(definition.embedding().provider()) + " embeddings. Create the vectorizer"
					+ " with one of those and store its embedding with ai.embedding_spring_ai or ai.embedding_custom in"
					+ " the same transaction (see docs/providers.md), or declare it in a database whose pgai SQL API the"
					+ " starter installed. Vectorizers created before pgai's installer ran keep working.");
		}
		if (message.contains("invalid embedding implementation: \"onnx\"")) {
			return pgaisFunction(connection, key + ".embedding.provider", message, "It accepts only the embedding"
					+ " providers openai, ollama, voyageai and litellm, not the starter's in-process onnx models. Set " + key
					+ ".embedding.provider to openai or ollama (with embedding.model and embedding.dimensions), or declare"
					+ " this vectorizer in a database whose pgai SQL API the starter installed. Vectorizers created before"
					+ " pgai's installer ran keep working.");
		}
		if (message.contains("unrecognized formatting implementation")) {
			return pgaisFunction(connection, key + ".formatting.chunk-value", message, "It accepts only python_template"
					+ " formatting. Remove " + key + ".formatting.chunk-value, or use " + key + ".formatting.template.");
		}
		if (message.contains("automatic indexing is not supported without scheduling")) {
			return pgaisFunction(connection, key + ".indexing.type", message, "It builds vector indexes only from a"
					+ " timescaledb job. Set " + key + ".indexing.type to none (or default), or schedule the vectorizer"
					+ " with timescaledb.");
		}
		if (message.contains("column_name")) {
			return new InvalidVectorizerPropertyException(key + ".loading.column", message,
					"Set " + key + ".loading.column to a text column of " + definition.source() + "." + NOT_CREATED);
		}
		if (("42703".equals(state) && message.contains("formatting template")) || message.contains("template")) {
			return new InvalidVectorizerPropertyException(key + ".formatting.template", message,
					"Correct " + key + ".formatting.template (currently '" + definition.formatting().template()
							+ "') to name only $chunk and columns of " + definition.source()
							+ " (the message lists them), or add the column to the table." + NOT_CREATED);
		}
		return new InvalidVectorizerPropertyException(key, message,
				"Correct " + key + " as the message says." + NOT_CREATED);
	}

	/** What pgai's own {@code ai.create_vectorizer}, not the starter's, refused. */
	private static InvalidVectorizerPropertyException pgaisFunction(Connection connection, String key, String message,
			String action) {
		return new InvalidVectorizerPropertyException(key, message, "This database's ai.create_vectorizer is pgai's own ("
				+ describeCatalog(connection) + "): pgai's installer prepared the database or ran after the starter, and"
				+ " the starter leaves pgai's functions as they are. " + action + NOT_CREATED);
	}

	/** Who installed the functions of pgai's SQL API, for messages. */
	private static String describeCatalog(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select to_regclass('ai.pgai_spring_catalog') is not null,"
						+ " (select version from ai.pgai_lib_version where name = 'ai')")) {
			result.next();
			String version = result.getString(2);
			if (CatalogInstaller.isStarterLibraryVersion(version)) {
				return "installed by this starter";
			}
			return "pgai's own functions, installed by pgai install, version " + version
					+ (result.getBoolean(1) ? ", with the starter's additions" : "");
		}
		catch (SQLException ex) {
			return "of unknown origin";
		}
	}

}
