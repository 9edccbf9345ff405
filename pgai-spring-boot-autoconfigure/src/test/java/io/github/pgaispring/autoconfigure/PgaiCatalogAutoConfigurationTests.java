package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PgaiCatalogAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					PgaiCatalogAutoConfiguration.class));

	@Test
	void installsTheCatalogOnStartup(FreshDatabase database) {
		this.runner.withPropertyValues(database.springPropertyValues()).run((context) -> {
			assertThat(context).hasSingleBean(PgaiCatalogInitializer.class);
			assertThat(context.getBean(PgaiCatalogInitializer.class).getInstallation()).isNotNull();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select to_regclass('ai.vectorizer') is not null", Boolean.class)).isTrue();
		});
	}

	@Test
	void secondStartFindsTheCatalogUpToDate(FreshDatabase database) {
		this.runner.withPropertyValues(database.springPropertyValues()).run((first) -> assertThat(first).hasNotFailed());
		this.runner.withPropertyValues(database.springPropertyValues())
			.run((context) -> assertThat(context.getBean(PgaiCatalogInitializer.class).getInstallation().outcome())
				.isEqualTo(CatalogInstallation.Outcome.UP_TO_DATE));
	}

	@Test
	void propertyTurnsTheInstallerOff(FreshDatabase database) {
		new JdbcTemplate(database.dataSource()).execute("drop schema if exists ai cascade");
		this.runner.withPropertyValues(database.springPropertyValues())
			.withPropertyValues("pgai.catalog.install=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PgaiCatalogInitializer.class);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("select to_regnamespace('ai') is null", Boolean.class)).isTrue();
			});
	}

	@Test
	void backsOffWithoutThePostgresDriver(FreshDatabase database) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PgaiCatalogAutoConfiguration.class))
			.withBean(DataSource.class, database::dataSource)
			.withClassLoader(new FilteredClassLoader(org.postgresql.Driver.class))
			.run((context) -> assertThat(context).hasSingleBean(DataSource.class)
				.doesNotHaveBean(PgaiCatalogInitializer.class));
	}

	@Test
	void userDefinedInitializerWins(FreshDatabase database) {
		this.runner.withPropertyValues(database.springPropertyValues())
			.withBean("myInitializer", PgaiCatalogInitializer.class, () -> new PgaiCatalogInitializer(database.dataSource()))
			.run((context) -> assertThat(context).hasSingleBean(PgaiCatalogInitializer.class)
				.hasBean("myInitializer"));
	}

	@Test
	void catalogIsInstalledBeforeFlywayMigrationsThatCreateVectorizers(FreshDatabase database) {
		this.runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues("spring.flyway.locations=classpath:db/pgai-flyway-order")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("select name from ai.vectorizer", String.class))
					.isEqualTo("public_blog_posts_embedding_store");
			});
	}

}
