package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstaller;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Installs or upgrades the pgai-compatible {@code ai} catalog on startup.
 * {@code pgai.catalog.install=false} turns it off (for example when migrations are run separately).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ CatalogInstaller.class, org.postgresql.Driver.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "pgai.catalog.install", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class PgaiCatalogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PgaiCatalogInitializer pgaiCatalogInitializer(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources) {
		return new PgaiCatalogInitializer(PgaiDataSources.pick(pgaiDataSource, dataSources));
	}

}
