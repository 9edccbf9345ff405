package io.github.pgaispring.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.pgaispring.jpa.fixtures.JpaFixturesApplication;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's {@code ddl-auto} never creates, alters, validates or drops embedding store tables, which
 * belong to the vectorizer, while it still manages the source tables.
 */
@PostgresTest
class EmbeddingStoreDdlAutoTests {

	private static final String STORE_ROW = "insert into blog_posts_embedding_store (id, chunk_seq, chunk, embedding) "
			+ "values (1, 0, 'kept', '[1,2,3]')";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(JpaFixturesApplication.class)
		.withPropertyValues("spring.sql.init.mode=never");

	private FreshDatabase database;

	@BeforeEach
	void createOnlyTheEmbeddingStores(FreshDatabase database) throws SQLException {
		this.database = database;
		execute("drop schema if exists editorial, search cascade");
		execute("drop table if exists blog_posts, blog_posts_embedding_store, blog_posts_title_embedding_store, authors, "
				+ "authors_embedding_store, books, books_embedding_store, report, report_embedding_store cascade");
		try (Connection connection = database.connect()) {
			ScriptUtils.executeSqlScript(connection,
					new DefaultResourceLoader().getResource(JpaFixturesApplication.EMBEDDING_STORES));
		}
		execute(STORE_ROW);
	}

	@Test
	void createDropLeavesStoreTablesAndTheirRowsAlone() throws SQLException {
		this.runner.withUserConfiguration(EmbeddingStoreJpaConfiguration.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(query("select to_regclass('blog_posts') is not null")).isEqualTo("t");
				assertThat(query("select to_regclass('editorial.articles') is not null")).isEqualTo("t");
				assertStoreUntouched();
			});
		assertThat(query("select to_regclass('blog_posts') is null")).isEqualTo("t");
		assertStoreUntouched();
	}

	@Test
	void validateSkipsStoreTablesEvenWhenMissing() throws SQLException {
		createSourceTables();
		execute("drop table search.article_summary_chunks");
		this.runner.withUserConfiguration(EmbeddingStoreJpaConfiguration.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void validateWithoutTheExclusionChecksStoreTables() throws SQLException {
		createSourceTables();
		execute("drop table search.article_summary_chunks");
		this.runner.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("article_summary_chunks"));
	}

	@Test
	void validateStillChecksSourceTables() throws SQLException {
		createSourceTables();
		execute("alter table blog_posts drop column title");
		this.runner.withUserConfiguration(EmbeddingStoreJpaConfiguration.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("title"));
	}

	@Test
	void updateNeitherCreatesNorAltersStoreTables() throws SQLException {
		execute("drop table search.article_summary_chunks");
		execute("alter table blog_posts_embedding_store drop column chunk_seq cascade");
		this.runner.withUserConfiguration(EmbeddingStoreJpaConfiguration.class)
			.withPropertyValues(this.database.springPropertyValues())
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=update")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(query("select to_regclass('blog_posts') is not null")).isEqualTo("t");
				assertThat(query("select to_regclass('search.article_summary_chunks') is null")).isEqualTo("t");
				assertThat(query("select count(*) from information_schema.columns "
						+ "where table_name = 'blog_posts_embedding_store' and column_name = 'chunk_seq'")).isEqualTo("0");
			});
	}

	private void assertStoreUntouched() throws SQLException {
		assertThat(query("select chunk from blog_posts_embedding_store")).isEqualTo("kept");
		assertThat(query("select count(*) from pg_constraint where conrelid = 'blog_posts_embedding_store'::regclass "
				+ "and contype = 'f'")).isEqualTo("0");
		assertThat(query("select column_default from information_schema.columns "
				+ "where table_name = 'blog_posts_embedding_store' and column_name = 'embedding_uuid'"))
			.isEqualTo("gen_random_uuid()");
	}

	private void createSourceTables() throws SQLException {
		try (Connection connection = this.database.connect()) {
			ScriptUtils.executeSqlScript(connection,
					new DefaultResourceLoader().getResource(JpaFixturesApplication.SOURCE_TABLES));
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private String query(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
