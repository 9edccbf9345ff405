package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Where a search runs, and with which pgvector settings.
 * <ul>
 * <li>In the caller's persistence context when there is one (a transaction, or an open-in-view entity
 * manager), so that results are managed and lazy parents load. Settings are applied with {@code SET LOCAL}
 * and restored after the query; without a transaction, one is begun on that entity manager for the query.</li>
 * <li>Otherwise in a {@link StatelessSession}: the entities would be detached anyway, and a stateless session
 * costs less than the throw-away entity manager a shared one would open. Settings need a transaction of its
 * own, committed after the query.</li>
 * </ul>
 * Settings go to the server in one statement ({@code set_config(name, value, true)}), which reads the
 * previous values at the same time when the query joins the caller's transaction.
 */
final class SearchSession {

	private static final Log logger = LogFactory.getLog(SearchSession.class);

	private final EntityManagerFactory entityManagerFactory;

	private final SessionFactory sessionFactory;

	private volatile Boolean iterativeScans;

	SearchSession(EntityManagerFactory entityManagerFactory) {
		this.entityManagerFactory = entityManagerFactory;
		this.sessionFactory = entityManagerFactory.unwrap(SessionFactory.class);
	}

	/**
	 * Runs a search.
	 * @param settings the pgvector settings
	 * @param work the queries
	 * @return what the work returns
	 */
	<T> T run(HnswSettings settings, Function<SharedSessionContract, T> work) {
		EntityManager bound = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
		if (bound != null) {
			Session session = bound.unwrap(Session.class);
			if (settings.isEmpty()) {
				return work.apply(session);
			}
			if (session.getTransaction().isActive()) {
				return inCallersTransaction(session, settings, work);
			}
			return inOwnTransaction(session, settings, work);
		}
		try (StatelessSession session = this.sessionFactory.openStatelessSession()) {
			return settings.isEmpty() ? work.apply(session) : inOwnTransaction(session, settings, work);
		}
	}

	/** Whether the database's pgvector has iterative index scans (0.8 or later); asked once. */
	boolean iterativeScans() {
		Boolean supported = this.iterativeScans;
		if (supported == null) {
			try (StatelessSession session = this.sessionFactory.openStatelessSession()) {
				String version = session.doReturningWork(SearchSession::pgvectorVersion);
				supported = PgvectorVersion.hasIterativeScans(version);
				if (!supported) {
					logger.warn("pgvector " + version + " has no iterative index scans (0.8 and later have them): "
							+ "filtered nearest-neighbour searches on an HNSW index may return fewer rows than asked for;"
							+ " the starter raises hnsw.ef_search to the rows asked for instead (at most 1000)");
				}
			}
			this.iterativeScans = supported;
		}
		return supported;
	}

	private static String pgvectorVersion(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select extversion from pg_catalog.pg_extension where extname = 'vector'");
				ResultSet result = statement.executeQuery()) {
			return result.next() ? result.getString(1) : null;
		}
	}

	private static <T> T inOwnTransaction(SharedSessionContract session, HnswSettings settings,
			Function<SharedSessionContract, T> work) {
		Transaction transaction = session.beginTransaction();
		try {
			session.doWork((connection) -> set(connection, settings.values(), false));
			T result = work.apply(session);
			transaction.commit();
			return result;
		}
		catch (RuntimeException ex) {
			if (transaction.isActive()) {
				transaction.rollback();
			}
			throw ex;
		}
	}

	private static <T> T inCallersTransaction(Session session, HnswSettings settings,
			Function<SharedSessionContract, T> work) {
		List<String> previous = session.doReturningWork((connection) -> set(connection, settings.values(), true));
		boolean failed = true;
		try {
			T result = work.apply(session);
			failed = false;
			return result;
		}
		finally {
			try {
				session.doWork((connection) -> restore(connection, previous));
			}
			catch (RuntimeException ex) {
				if (!failed) {
					throw ex;
				}
				// the failed query aborted the transaction, whose rollback undoes the settings anyway
			}
		}
	}

	/** Sets the values for the transaction; returns name and previous value of each, if asked to. */
	private static List<String> set(Connection connection, Map<String, String> values, boolean readPrevious)
			throws SQLException {
		StringBuilder sql = new StringBuilder("select ");
		for (int i = 0; i < values.size(); i++) {
			sql.append((i > 0) ? ", " : "")
				.append(readPrevious ? "pg_catalog.current_setting(?, true), " : "")
				.append("pg_catalog.set_config(?, ?, true)");
		}
		List<String> previous = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			int index = 1;
			for (Map.Entry<String, String> value : values.entrySet()) {
				if (readPrevious) {
					statement.setString(index++, value.getKey());
				}
				statement.setString(index++, value.getKey());
				statement.setString(index++, value.getValue());
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (readPrevious) {
					int column = 1;
					for (String name : values.keySet()) {
						previous.add(name);
						previous.add(result.getString(column));
						column += 2;
					}
				}
			}
		}
		return previous;
	}

	/**
	 * Puts back the values read before; a setting that did not exist then (pgvector not yet loaded in the
	 * session) goes back to its reset value.
	 */
	private static void restore(Connection connection, List<String> previous) throws SQLException {
		StringBuilder sql = new StringBuilder("select pg_catalog.set_config(s.name, coalesce(v.value, s.reset_val), true)"
				+ " from (values ");
		for (int i = 0; i < previous.size(); i += 2) {
			sql.append((i > 0) ? ", " : "").append("(?::text, ?::text)");
		}
		sql.append(") v(name, value) join pg_catalog.pg_settings s on s.name = v.name");
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			for (int i = 0; i < previous.size(); i++) {
				statement.setString(i + 1, previous.get(i));
			}
			statement.executeQuery().close();
		}
	}

}
