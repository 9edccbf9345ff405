package io.github.pgaispring.testsupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link PostgresTest}: creates the class's database before its tests and
 * injects it as {@link FreshDatabase} or {@link DataSource}.
 */
public class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		TestDatabases.forTestClass(context.getRequiredTestClass());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestDatabases.releaseAfterClass(context.getRequiredTestClass());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == FreshDatabase.class || type == DataSource.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		FreshDatabase database = TestDatabases.forTestClass(outermostTestClass(extensionContext));
		return (parameterContext.getParameter().getType() == DataSource.class) ? database.dataSource() : database;
	}

	private static Class<?> outermostTestClass(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
			current = current.getParent().get();
		}
		return current.getRequiredTestClass();
	}

}
