package io.github.pgaispring.seeds;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.pgaispring.sample.BlogApplication;
import io.github.pgaispring.sample.EmbeddingQueues;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's schema tooling leaves the vectorizer's tables alone: the counterpart of pgai's advice to
 * exclude {@code pgai_managed_tables} from Alembic's autogenerate. The starter does it for you; nothing to
 * configure. Each test starts the blog sample on its own fresh database with a different
 * {@code spring.jpa.hibernate.ddl-auto}.
 */
class ManagedTablesSeedTests {

	private static final Duration EMBEDDING = Duration.ofSeconds(120);

	/**
	 * {@code create-drop}: Hibernate creates and later drops {@code blog_posts}, but neither creates nor
	 * drops {@code blog_posts_embedding_store}, which the vectorizer owns.
	 */
	@Test
	void createDropLeavesTheEmbeddingStoreAlone() {
		FreshDatabase database = TestPostgres.server().createDatabase("create_drop");
		try {
			JdbcClient jdbc = JdbcClient.create(database.dataSource());
			try (ConfigurableApplicationContext blog = start(database, "create-drop")) {
				EmbeddingQueues.awaitEmpty(database.dataSource(), EMBEDDING);
				// Hibernate re-created blog_posts from the entity (varchar(255), where Flyway wrote text) ...
				assertThat(columnType(jdbc, "blog_posts", "title")).isEqualTo("character varying(255)");
				// ... and the store is pgai's table, with its gen_random_uuid() key default
				assertThat(jdbc.sql("""
						select pg_get_expr(adbin, adrelid) from pg_attrdef join pg_attribute
						  on attrelid = adrelid and attnum = adnum
						where adrelid = 'blog_posts_embedding_store'::regclass and attname = 'embedding_uuid'""")
					.query(String.class)
					.single()).isEqualTo("gen_random_uuid()");
			}
			assertThat(jdbc.sql("select to_regclass('blog_posts')::text").query(String.class).optional()).isEmpty();
			assertThat(jdbc.sql("select count(*) from blog_posts_embedding_store").query(Long.class).single())
				.isGreaterThan(16);
		}
		finally {
			database.drop();
		}
	}

	/**
	 * {@code validate}: Hibernate validates the mapping before the declared vectorizer creates
	 * {@code blog_posts_embedding_store}, and does not fail on the missing table.
	 */
	@Test
	void validateSkipsTheEmbeddingStore() {
		FreshDatabase database = TestPostgres.server().createDatabase("validate");
		try {
			JdbcClient jdbc = JdbcClient.create(database.dataSource());
			try (ConfigurableApplicationContext blog = start(database, "validate")) {
				assertThat(blog.isActive()).isTrue();
				assertThat(columnType(jdbc, "blog_posts_embedding_store", "embedding")).isEqualTo("vector(384)");
				assertThat(jdbc.sql("select flyway.version from flyway_schema_history flyway where success")
					.query(String.class)
					.list()).containsExactly("1");
			}
		}
		finally {
			database.drop();
		}
	}

	private static ConfigurableApplicationContext start(FreshDatabase database, String ddlAuto) {
		String[] arguments = Stream.concat(Stream.of(database.springPropertyValues()),
				Stream.of("spring.jpa.hibernate.ddl-auto=" + ddlAuto))
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		return new SpringApplicationBuilder(BlogApplication.class).web(WebApplicationType.NONE).run(arguments);
	}

	private static String columnType(JdbcClient jdbc, String table, String column) {
		return jdbc.sql("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = ?::regclass "
				+ "and attname = ?").params(table, column).query(String.class).single();
	}

}
