package io.github.pgaispring.sample;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.sample.blog.SearchHit;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample against the pgvector image, wired by {@code @ServiceConnection}: the database needs nothing but
 * the {@code vector} extension being available. Runs only where a Docker engine works; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class TestcontainersBlogApplicationTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("pgvector/pgvector:pg17");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PostSearchService searchService;

	@Test
	void seedsEmbedsAndSearchesInThePgvectorContainer() {
		EmbeddingQueues.awaitEmpty(this.dataSource, Duration.ofSeconds(120));

		assertThat(this.jdbc.sql("select count(*) from blog_posts").query(Long.class).single()).isEqualTo(16);
		assertThat(this.searchService.search("how do I keep my sourdough starter alive", null, 3))
			.first()
			.extracting(SearchHit::title)
			.isEqualTo("Getting started with sourdough bread");
	}

}
