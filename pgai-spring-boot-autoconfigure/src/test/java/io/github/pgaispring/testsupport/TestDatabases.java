package io.github.pgaispring.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FreshDatabase} per test class, shared by the JUnit extension and the Spring context
 * customizer so that both see the same database.
 */
final class TestDatabases {

	private static final Map<Class<?>, Entry> databases = new ConcurrentHashMap<>();

	private TestDatabases() {
	}

	static FreshDatabase forTestClass(Class<?> testClass) {
		return databases.computeIfAbsent(testClass, (type) -> new Entry(TestPostgres.server()
			.createDatabase(type.getSimpleName()))).database;
	}

	/** Marks the database as used by an application context, which then drops it when it closes. */
	static void ownedByContext(Class<?> testClass) {
		databases.get(testClass).ownedByContext = true;
	}

	/** Drops the class's database unless an application context still uses it. */
	static void releaseAfterClass(Class<?> testClass) {
		Entry entry = databases.get(testClass);
		if (entry != null && !entry.ownedByContext) {
			databases.remove(testClass);
			entry.database.drop();
		}
	}

	static void releaseFromContext(Class<?> testClass) {
		Entry entry = databases.remove(testClass);
		if (entry != null) {
			entry.database.drop();
		}
	}

	private static final class Entry {

		private final FreshDatabase database;

		private volatile boolean ownedByContext;

		private Entry(FreshDatabase database) {
			this.database = database;
		}

	}

}
