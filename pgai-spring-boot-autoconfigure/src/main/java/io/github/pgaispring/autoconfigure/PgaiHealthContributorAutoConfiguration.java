package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.actuate.PgaiHealthIndicator;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerQueues;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link PgaiHealthIndicator pgai health contributor}, where Spring Boot's health support is present, unless
 * {@code management.health.pgai.enabled=false}.
 */
@AutoConfiguration(after = PgaiWorkerAutoConfiguration.class)
@ConditionalOnClass({ PgaiHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("pgai")
@ConditionalOnBean({ VectorizerCatalog.class, VectorizerQueues.class })
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "pgaiHealthIndicator", "pgaiHealthContributor" })
	PgaiHealthIndicator pgaiHealthIndicator(VectorizerCatalog catalog, VectorizerQueues queues,
			@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource, ObjectProvider<DataSource> dataSources,
			ObjectProvider<VectorizerWorkerLifecycle> worker, PgaiProperties properties) {
		VectorizerWorkerLifecycle lifecycle = worker.getIfAvailable();
		return new PgaiHealthIndicator(catalog, queues,
				JdbcClient.create(PgaiDataSources.pick(pgaiDataSource, dataSources)),
				(lifecycle != null) ? lifecycle.getWorker() : null, properties.getHealth().timeout());
	}

}
