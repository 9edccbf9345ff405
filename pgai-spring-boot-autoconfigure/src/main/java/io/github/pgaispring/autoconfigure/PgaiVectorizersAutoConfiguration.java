package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.sql.VectorizerReconciler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Creates the vectorizers declared under {@code pgai.vectorizers} on startup.
 */
@AutoConfiguration(after = PgaiCatalogAutoConfiguration.class,
		afterName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass({ VectorizerReconciler.class, org.postgresql.Driver.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiVectorizersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	DeclaredVectorizersInitializer pgaiDeclaredVectorizersInitializer(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources,
			PgaiProperties properties, ObjectProvider<MappedStoreDimensions> mappedDimensions) {
		return new DeclaredVectorizersInitializer(PgaiDataSources.pick(pgaiDataSource, dataSources), properties.getVectorizers(),
				mappedDimensions.getIfAvailable());
	}

}
