package io.github.pgaispring.testsupport;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the application context of a {@link PostgresTest} class at that class's database. Registered
 * in {@code META-INF/spring.factories}.
 */
class PostgresTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, PostgresTest.class)
				? new PostgresContextCustomizer(testClass) : null;
	}

	private static final class PostgresContextCustomizer implements ContextCustomizer {

		private final Class<?> testClass;

		private PostgresContextCustomizer(Class<?> testClass) {
			this.testClass = testClass;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FreshDatabase database = TestDatabases.forTestClass(this.testClass);
			TestDatabases.ownedByContext(this.testClass);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("pgaiTestDatabase", database.springProperties()));
			Class<?> owner = this.testClass;
			// Registered before every application bean, so it is destroyed after all of them: the database is
			// dropped only once the worker and the connection pool have stopped using it.
			((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("pgaiTestDatabaseRelease",
					() -> TestDatabases.releaseFromContext(owner));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof PostgresContextCustomizer customizer && customizer.testClass == this.testClass;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.testClass);
		}

	}

}
