package io.github.pgaispring.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Declares {@link PgaiCatalogInitializer} a database initializer that comes before every other one
 * (Flyway, Liquibase, SQL scripts): their migrations may call {@code ai.create_vectorizer}, and beans that
 * depend on database initialization (the JPA {@code EntityManagerFactory}, for one) wait for it.
 */
public class PgaiCatalogDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	/** Before Flyway's and Liquibase's detectors (order 0 and 1). */
	static final int ORDER = -100;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(PgaiCatalogInitializer.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
