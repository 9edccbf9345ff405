package io.github.pgaispring.testsupport;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs only where a Docker engine works: the pgvector image through Testcontainers. Skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPostgresTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("pgvector/pgvector:pg17");

	@Test
	void pgvectorImageServesTheVectorType() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + postgres.getJdbcUrl(),
					"spring.datasource.username=" + postgres.getUsername(),
					"spring.datasource.password=" + postgres.getPassword())
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("create extension if not exists vector");
				assertThat(jdbc.queryForObject("select '[3,4]'::vector <-> '[0,0]'::vector", Double.class))
					.isEqualTo(5.0);
			});
	}

}
