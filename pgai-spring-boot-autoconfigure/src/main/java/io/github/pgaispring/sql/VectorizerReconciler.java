package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the database hold a declared vectorizer: creates it when missing, leaves it alone when its
 * stored configuration already matches, applies a change of indexing, scheduling or processing alone in place,
 * and otherwise, as its {@link OnChange} says, fails with the list of differences, drops and recreates it (which
 * re-embeds every row while its store is empty) or migrates it without downtime ({@link MigrateVectorizer}).
 * Several application instances may reconcile the same vectorizer at once: a transaction-level advisory lock on
 * its name serialises them.
 */
public final class VectorizerReconciler {

	/** What {@link #reconcile} did. */
	public enum Outcome {

		/** The vectorizer did not exist and was created. */
		CREATED,

		/** The vectorizer existed with the declared configuration. */
		UNCHANGED,

		/** The vectorizer existed with another configuration and was dropped (with its store) and created again. */
		RECREATED,

		/** Only indexing, scheduling or processing differed, and were changed in place; nothing is re-embedded. */
		UPDATED,

		/** A migration to the declared configuration started; the current store serves until the switch. */
		MIGRATION_STARTED,

		/** A migration to the declared configuration runs already (started by an earlier start or instance). */
		MIGRATING,

		/** The declared configuration is the stored one again: the migration that ran to another one was dropped. */
		MIGRATION_CANCELLED

	}

	/** What to do with a vectorizer whose stored configuration differs from the declared one. */
	public enum OnChange {

		/** Fail with a {@link VectorizerDefinitionChangedException} listing the differences. */
		FAIL,

		/** Drop the vectorizer with its store and create it again, which re-embeds every row into an empty store. */
		RECREATE,

		/** Build a new store beside the current one and switch to it once it has caught up ({@link MigrateVectorizer}). */
		MIGRATE

	}

	/** Parts that change how rows are processed, not what is embedded. */
	private static final Set<String> IN_PLACE_PARTS = Set.of("indexing", "scheduling", "processing");

	/** Parts a migration cannot change. */
	private static final Set<String> FIXED_PARTS = Set.of("source", "destination");

	private final OnChange onChange;

	/**
	 * Creates a reconciler.
	 * @param recreateOnChange whether a vectorizer whose stored configuration differs is dropped and
	 * recreated, rather than reported as a {@link VectorizerDefinitionChangedException}
	 */
	public VectorizerReconciler(boolean recreateOnChange) {
		this(recreateOnChange ? OnChange.RECREATE : OnChange.FAIL);
	}

	/**
	 * Creates a reconciler.
	 * @param onChange what to do with a vectorizer whose stored configuration differs in what is embedded
	 */
	public VectorizerReconciler(OnChange onChange) {
		this.onChange = onChange;
	}

	/**
	 * Reconciles one declared vectorizer, in a transaction of its own on the given connection.
	 * @param connection the connection (its auto-commit setting is restored afterwards)
	 * @param declared the declared vectorizer; it must have a {@link CreateVectorizer#name(String) name}
	 * @return what was done
	 * @throws VectorizerDefinitionChangedException if the stored configuration differs and recreating is
	 * not allowed
	 * @throws SQLException if the server rejects the vectorizer
	 */
	public Outcome reconcile(Connection connection, CreateVectorizer declared) throws SQLException {
		String name = declared.getName();
		if (name == null) {
			throw new IllegalArgumentException("A declared vectorizer needs a name: " + declared);
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			Outcome outcome = reconcileInTransaction(connection, declared, name);
			connection.commit();
			return outcome;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private Outcome reconcileInTransaction(Connection connection, CreateVectorizer declared, String name)
			throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
			lock.setString(1, "pgai-vectorizer:" + name);
			lock.execute();
		}
		Optional<Vectorizer> stored = VectorizerCatalog.on(connection).findByName(name);
		if (stored.isEmpty()) {
			declared.execute(connection);
			return Outcome.CREATED;
		}
		Map<String, String> differences = differences(connection, declared, stored.get());
		boolean migrations = hasMigrations(connection);
		if (this.onChange == OnChange.MIGRATE && migrations) {
			if (differences.keySet().stream().anyMatch(FIXED_PARTS::contains)) {
				throw new VectorizerDefinitionChangedException(name, List.copyOf(differences.values()));
			}
			refuseMigratingBack(connection, stored.get(), declared, differences.keySet());
			return migrate(connection, name, declared, differences.keySet());
		}
		if (differences.isEmpty()) {
			return Outcome.UNCHANGED;
		}
		if (migrations && IN_PLACE_PARTS.containsAll(differences.keySet())) {
			return migrate(connection, name, declared, differences.keySet());
		}
		if (this.onChange != OnChange.RECREATE) {
			throw new VectorizerDefinitionChangedException(name, List.copyOf(differences.values()));
		}
		DropVectorizer.name(name).dropAll(true).execute(connection);
		declared.execute(connection);
		return Outcome.RECREATED;
	}

	/** Hands the differing parts to {@code ai.migrate_vectorizer}; none cancels a running migration. */
	private static Outcome migrate(Connection connection, String name, CreateVectorizer declared, Set<String> keys)
			throws SQLException {
		Map<String, VectorizerConfigPart> changed = new LinkedHashMap<>(declared.configParts());
		changed.keySet().retainAll(keys);
		return switch (MigrateVectorizer.name(name, changed).execute(connection)) {
			case UNCHANGED -> Outcome.UNCHANGED;
			case UPDATED -> Outcome.UPDATED;
			case CANCELLED -> Outcome.MIGRATION_CANCELLED;
			case STARTED, RESTARTED -> Outcome.MIGRATION_STARTED;
			case RUNNING -> Outcome.MIGRATING;
		};
	}

	/**
	 * Refuses to migrate a vectorizer back to the definition its last finished migration replaced, while it still has
	 * the definition that migration gave it ({@code ai.pgai_spring_vectorizer_migration_history}): an instance with the
	 * old configuration would otherwise undo a rolling deploy, and the instances of both ping-pong. A migration back
	 * that runs already (started by hand) is joined as usual.
	 */
	private static void refuseMigratingBack(Connection connection, Vectorizer stored, CreateVectorizer declared,
			Set<String> differing) throws SQLException {
		Map<String, VectorizerConfigPart> changed = new LinkedHashMap<>(declared.configParts());
		changed.keySet().retainAll(differing);
		changed.keySet().removeAll(IN_PLACE_PARTS);
		if (changed.isEmpty()) {
			return;
		}
		StringBuilder parts = new StringBuilder("jsonb_build_object(");
		StringBuilder arguments = new StringBuilder();
		for (Map.Entry<String, VectorizerConfigPart> part : changed.entrySet()) {
			parts.append((arguments.length() > 0) ? ", " : "").append(SqlLiterals.string(part.getKey())).append(", ")
				.append(part.getValue().toSql());
			arguments.append(", ").append(part.getKey()).append(" => ").append(part.getValue().toSql());
		}
		parts.append(")");
		String sql = "select h.started_at, h.switched_at from ai.pgai_spring_vectorizer_migration_history h"
				+ " join ai.vectorizer v on v.id = h.vectorizer_id where h.vectorizer_id = " + stored.id()
				+ " and ai._vectorizer_embedded_config(h.source_config || " + parts
				+ ") = ai._vectorizer_embedded_config(h.source_config)"
				+ " and ai._vectorizer_embedded_config(h.target_config) = ai._vectorizer_embedded_config(v.config)"
				+ " and h.switched_at = (select max(l.switched_at) from ai.pgai_spring_vectorizer_migration_history l"
				+ " where l.vectorizer_id = h.vectorizer_id)"
				// unless a migration back to it runs, started by hand (the failure's action)
				+ " and not exists (select 1 from ai.pgai_spring_vectorizer_migration m join ai.vectorizer t"
				+ " on t.id = m.target_id where m.vectorizer_id = v.id"
				+ " and ai._vectorizer_embedded_config(t.config) = ai._vectorizer_embedded_config(h.source_config))";
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			try (ResultSet exists = statement.executeQuery(
					"select to_regclass('ai.pgai_spring_vectorizer_migration_history') is not null")) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return;
				}
			}
			try (ResultSet result = statement.executeQuery(sql)) {
				if (result.next()) {
					throw new VectorizerDefinitionSupersededException(stored.name(), List.copyOf(changed.keySet()),
							result.getObject(1, OffsetDateTime.class), result.getObject(2, OffsetDateTime.class),
							"SELECT ai.migrate_vectorizer(" + SqlLiterals.string(stored.name()) + arguments + ")");
				}
			}
		}
	}

	private static boolean hasMigrations(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select to_regprocedure('ai.migrate_vectorizer(text, jsonb,"
						+ " jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb)') is not null")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	/** The differing parts by key ({@code source} for the source table), each with a line describing it. */
	private static Map<String, String> differences(Connection connection, CreateVectorizer declared, Vectorizer stored)
			throws SQLException {
		Map<String, VectorizerConfigPart> parts = declared.configParts();
		StringBuilder sql = new StringBuilder("select format('%I.%I', n.nspname, c.relname), format('%I.%I', ")
			.append(SqlLiterals.string(stored.sourceSchema()))
			.append(", ")
			.append(SqlLiterals.string(stored.sourceTable()))
			.append("), jsonb_build_object(");
		String separator = "";
		for (Map.Entry<String, VectorizerConfigPart> part : parts.entrySet()) {
			sql.append(separator).append(SqlLiterals.string(part.getKey())).append(", ").append(part.getValue().toSql());
			separator = ", ";
		}
		sql.append(")::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = ")
			.append(declared.source().toRegclassSql());
		String declaredSource;
		String storedSource;
		JsonNode wanted;
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			try (ResultSet result = statement.executeQuery(sql.toString())) {
				result.next();
				declaredSource = result.getString(1);
				storedSource = result.getString(2);
				wanted = JsonMapper.shared().readTree(result.getString(3));
			}
		}
		Map<String, String> differences = new LinkedHashMap<>();
		if (!declaredSource.equals(storedSource)) {
			differences.put("source", "source: declared " + declaredSource + ", stored " + storedSource);
		}
		JsonNode storedJson = JsonMapper.shared().readTree(stored.storedConfig().json());
		VectorizerConfig storedConfig = stored.storedConfig().ifReadable().orElse(null);
		for (String key : parts.keySet()) {
			VectorizerConfigPart declaredPart = VectorizerConfigReader.part(key, wanted.path(key));
			VectorizerConfigPart storedPart = (storedConfig != null) ? storedConfig.part(key) : null;
			if (!matches(declaredPart, storedPart)) {
				differences.put(key, key + ": declared " + wanted.path(key) + ", stored " + storedJson.path(key));
			}
		}
		return differences;
	}

	/**
	 * Whether a declared part matches the stored one. Destinations are stored with their evaluated
	 * names, so only the names that were declared are compared; {@code default} indexing and scheduling
	 * are resolved when the vectorizer is created, so they match whatever was resolved. A stored
	 * configuration that cannot be read matches nothing.
	 */
	private static boolean matches(VectorizerConfigPart declared, VectorizerConfigPart stored) {
		if (declared instanceof IndexingDefaultConfig || declared instanceof SchedulingDefaultConfig) {
			return true;
		}
		if (declared instanceof DestinationTableConfig wanted && stored instanceof DestinationTableConfig actual) {
			return declaredMatch(wanted.destination(), actual.destination())
					&& declaredMatch(wanted.targetSchema(), actual.targetSchema())
					&& declaredMatch(wanted.targetTable(), actual.targetTable())
					&& declaredMatch(wanted.viewSchema(), actual.viewSchema())
					&& declaredMatch(wanted.viewName(), actual.viewName());
		}
		return declared.equals(stored);
	}

	private static boolean declaredMatch(Object declared, Object stored) {
		return declared == null || Objects.equals(declared, stored);
	}

}
