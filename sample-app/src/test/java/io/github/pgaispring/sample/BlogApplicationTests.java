package io.github.pgaispring.sample;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BlogApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void healthIsUpAndUsesTheTestDatabase(FreshDatabase database) {
		assertThat(RestClient.create("http://localhost:" + this.port).get().uri("/actuator/health").retrieve().body(String.class)).contains("\"status\":\"UP\"");
		assertThat(this.jdbc.queryForObject("select current_database()", String.class)).isEqualTo(database.name());
	}

}
