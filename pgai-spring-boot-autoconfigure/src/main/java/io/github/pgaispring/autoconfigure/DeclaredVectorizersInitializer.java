package io.github.pgaispring.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import javax.sql.DataSource;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.OnChange;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.TextIndexing;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.DestinationTableConfig;
import io.github.pgaispring.sql.SetTextIndexing;
import io.github.pgaispring.sql.TextIndexingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerReconciler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private final @Nullable MappedStoreDimensions mappedDimensions;

	/**
	 * Creates the initializer.
	 * @param dataSource the database
	 * @param definitions the declared vectorizers by name
	 */
	public DeclaredVectorizersInitializer(DataSource dataSource, Map<String, VectorizerDefinition> definitions) {
		this(dataSource, definitions, null);
	}

	DeclaredVectorizersInitializer(DataSource dataSource, Map<String, VectorizerDefinition> definitions,
			@Nullable MappedStoreDimensions mappedDimensions) {
		this.dataSource = dataSource;
		this.definitions = definitions;
		this.mappedDimensions = mappedDimensions;
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
		OnChange onChange = this.definitions.get(name).onChange();
		if (onChange == OnChange.MIGRATE) {
			requireMappedDimensions(connection, name);
		}
		try {
			VectorizerReconciler.Outcome outcome = new VectorizerReconciler(switch (onChange) {
				case FAIL -> VectorizerReconciler.OnChange.FAIL;
				case RECREATE -> VectorizerReconciler.OnChange.RECREATE;
				case MIGRATE -> VectorizerReconciler.OnChange.MIGRATE;
			}).reconcile(connection, declared);
			logger.info("Vectorizer '" + name + "': " + describe(outcome));
		}
		catch (SQLException ex) {
			throw rejected(connection, name, ex);
		}
		applyTextIndexing(connection, name);
	}

	private static String describe(VectorizerReconciler.Outcome outcome) {
		return switch (outcome) {
			case UPDATED -> "updated in place (indexing, scheduling or processing; nothing is embedded again)";
			case MIGRATION_STARTED -> "migration started: a new store is built beside the current one, which keeps"
					+ " serving searches until the worker switches to the new store";
			case MIGRATING -> "migration to the declared definition in progress";
			case MIGRATION_CANCELLED -> "back to the stored definition; the migration that ran was cancelled";
			default -> outcome.name().toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * Refuses a migration to dimensions other than those the store's {@code @Vectorized} mapping declares, before
	 * anything is written: the mapping has to be changed with the model.
	 */
	private void requireMappedDimensions(Connection connection, String name) {
		if (this.mappedDimensions == null) {
			return;
		}
		Vectorizer stored = VectorizerCatalog.on(connection).findByName(name).orElse(null);
		if (stored == null || !(stored.destination() instanceof DestinationTableConfig table)) {
			return;
		}
		Integer declared = VectorizerDefinitionMapper.embedding(this.definitions.get(name).embedding()).dimensions();
		OptionalInt mapped = this.mappedDimensions.of(table.targetSchema(), table.targetTable());
		if (declared != null && mapped.isPresent() && mapped.getAsInt() != declared) {
			String key = "pgai.vectorizers." + name + ".embedding.dimensions";
			throw new InvalidVectorizerPropertyException(key, "a migration of vectorizer '" + name + "' to " + declared
					+ "-dimensional embeddings cannot start: the @Vectorized mapping of its store " + table.targetTable()
					+ " declares dimensions = " + mapped.getAsInt() + " (the store stays as it is)",
					"Change @Vectorized(dimensions = " + declared + ") together with the embedding model, so that the"
							+ " repositories read the new store after the switch, or set " + key + " back to "
							+ mapped.getAsInt() + ".");
		}
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
