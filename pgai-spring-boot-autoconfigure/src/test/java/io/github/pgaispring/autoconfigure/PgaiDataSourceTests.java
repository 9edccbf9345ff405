package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import io.github.pgaispring.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications with two {@link DataSource}s: the starter uses the {@link PgaiDataSource @PgaiDataSource} one,
 * else the {@code @Primary} one, and fails with a report naming both fixes when neither says which.
 */
@PostgresTest
class PgaiDataSourceTests {

	private static FreshDatabase other;

	private FreshDatabase main;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PgaiCatalogAutoConfiguration.class,
				PgaiVectorizersAutoConfiguration.class, PgaiWorkerAutoConfiguration.class))
		.withPropertyValues("pgai.worker.enabled=false", "pgai.vectorizers.notes_body.source=notes",
				"pgai.vectorizers.notes_body.loading.column=body");

	@BeforeAll
	static void createOtherDatabase() {
		other = TestPostgres.server().createDatabase("PgaiDataSourceTests_other");
	}

	@AfterAll
	static void dropOtherDatabase() {
		other.drop();
	}

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.main = database;
		for (FreshDatabase each : new FreshDatabase[] { this.main, other }) {
			JdbcClient jdbc = JdbcClient.create(each.dataSource());
			jdbc.sql("drop schema if exists ai cascade").update();
			jdbc.sql("drop table if exists notes, notes_embedding_store cascade").update();
			jdbc.sql("create table notes (id bigint primary key, body text)").update();
		}
	}

	@Test
	void primaryDataSourceIsUsedWithoutQualifier() {
		this.runner.withBean("main", DataSource.class, this.main::dataSource, (bean) -> bean.setPrimary(true))
			.withBean("other", DataSource.class, other::dataSource)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(vectorizers(this.main)).isOne();
				assertThat(hasCatalog(other)).isFalse();
			});
	}

	@Test
	void pgaiDataSourceWinsOverThePrimary() {
		this.runner.withUserConfiguration(QualifiedOtherDataSource.class)
			.withBean("main", DataSource.class, this.main::dataSource, (bean) -> bean.setPrimary(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(vectorizers(other)).isOne();
				assertThat(hasCatalog(this.main)).isFalse();
				assertThat(context.getBean(VectorizerCatalog.class).findAll()).singleElement()
					.satisfies((vectorizer) -> assertThat(vectorizer.name()).isEqualTo("notes_body"));
			});
	}

	@Test
	void twoDataSourcesWithoutPrimaryOrQualifierFailNamingBothFixes() {
		this.runner.withBean("main", DataSource.class, this.main::dataSource)
			.withBean("other", DataSource.class, other::dataSource)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new NoUniquePgaiDataSourceFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("The pgai starter needs one DataSource, but the"
						+ " application has 2 DataSource beans and none is @Primary or @PgaiDataSource.");
				assertThat(analysis.getAction()).contains("@PgaiDataSource").contains("@Primary");
			});
		assertThat(hasCatalog(this.main)).isFalse();
		assertThat(hasCatalog(other)).isFalse();
	}

	private static long vectorizers(FreshDatabase database) {
		return JdbcClient.create(database.dataSource())
			.sql("select count(*) from ai.vectorizer where name = 'notes_body'")
			.query(Long.class)
			.single();
	}

	private static boolean hasCatalog(FreshDatabase database) {
		return JdbcClient.create(database.dataSource())
			.sql("select exists (select from pg_namespace where nspname = 'ai')")
			.query(Boolean.class)
			.single();
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedOtherDataSource {

		@Bean
		@PgaiDataSource
		DataSource pgaiOnly() {
			return other.dataSource();
		}

	}

}
