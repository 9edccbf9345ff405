package io.github.pgaispring.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.OnChange;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.TextIndexing;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.SetTextIndexing;
import io.github.pgaispring.sql.TextIndexingConfig;
import io.github.pgaispring.sql.VectorizerReconciler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Applies the vectorizers declared under {@code pgai.vectorizers} once every singleton exists, that is
 * after the catalog install, Flyway/Liquibase migrations and Hibernate's schema generation, and before
 * the worker starts. Definitions are checked up front, so a wrong property fails startup before anything
 * is written.
 */
public class DeclaredVectorizersInitializer implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DeclaredVectorizersInitializer.class);

	private final DataSource dataSource;

	private final Map<String, VectorizerDefinition> definitions;

	/**
	 * Creates the initializer.
	 * @param dataSource the database
	 * @param definitions the declared vectorizers by name
	 */
	public DeclaredVectorizersInitializer(DataSource dataSource, Map<String, VectorizerDefinition> definitions) {
		this.dataSource = dataSource;
		this.definitions = definitions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, CreateVectorizer> declared = new LinkedHashMap<>();
		this.definitions.forEach((name, definition) -> declared.put(name, VectorizerDefinitionMapper.map(name, definition)));
		try (Connection connection = this.dataSource.getConnection()) {
			for (Map.Entry<String, CreateVectorizer> entry : declared.entrySet()) {
				reconcile(connection, entry.getKey(), entry.getValue());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot apply the vectorizers declared under pgai.vectorizers", ex);
		}
	}

	private void reconcile(Connection connection, String name, CreateVectorizer declared) {
		boolean recreate = this.definitions.get(name).onChange() == OnChange.RECREATE;
		try {
			VectorizerReconciler.Outcome outcome = new VectorizerReconciler(recreate).reconcile(connection, declared);
			logger.info("Vectorizer '" + name + "': " + outcome.name().toLowerCase(Locale.ROOT));
		}
		catch (SQLException ex) {
			throw rejected(connection, name, ex);
		}
		applyTextIndexing(connection, name);
	}

	/** Gives the store the declared text index, in place: no re-embedding. */
	private void applyTextIndexing(Connection connection, String name) {
		TextIndexing textIndexing = this.definitions.get(name).textIndexing();
		String key = "pgai.vectorizers." + name + ".text-indexing";
		TextIndexingConfig config = textIndexing.enabled() ? TextIndexingConfig.tsvector(textIndexing.language())
				: TextIndexingConfig.none();
		try {
			if (!textIndexing.enabled() && !hasTextIndexingFunction(connection)) {
				return; // a catalog without the starter's additions (pgai.catalog.install=false), so no text indexes
			}
			if (SetTextIndexing.name(name).textIndexing(config).execute(connection)) {
				logger.info("Vectorizer '" + name + "': text index " + (textIndexing.enabled()
						? "set to language " + textIndexing.language() : "removed"));
			}
		}
		catch (SQLException ex) {
			throw new InvalidVectorizerPropertyException(key + ".language", ex.getMessage(),
					"Set " + key + ".language to a configuration that \\dF lists, for example english or simple, or "
							+ key + ".enabled=false; the vectorizer itself was applied");
		}
	}

	private static boolean hasTextIndexingFunction(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"select to_regprocedure('ai.set_text_indexing(pg_catalog.text, pg_catalog.jsonb)') is not null")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	/** Names the property behind the server's rejection of a declared vectorizer, and the fix. */
	private InvalidVectorizerPropertyException rejected(Connection connection, String name, SQLException ex) {
		return DeclaredVectorizerRejection.of(connection, name, this.definitions.get(name), ex);
	}

}
