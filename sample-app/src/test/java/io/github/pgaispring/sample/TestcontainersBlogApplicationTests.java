package io.github.pgaispring.sample;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample against the pgvector image, wired by {@code @ServiceConnection}. Runs only where a Docker
 * engine works; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class TestcontainersBlogApplicationTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("pgvector/pgvector:pg17");

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void runsAgainstThePgvectorContainer() {
		this.jdbc.execute("create extension if not exists vector");
		assertThat(this.jdbc.queryForObject("select '[3,4]'::vector <-> '[0,0]'::vector", Double.class)).isEqualTo(5.0);
	}

}
