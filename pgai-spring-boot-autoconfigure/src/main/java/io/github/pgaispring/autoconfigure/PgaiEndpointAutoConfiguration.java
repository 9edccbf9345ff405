package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.actuate.PgaiEndpoint;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.VectorizerQueues;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link PgaiEndpoint pgai endpoint}, where Spring Boot Actuator is present and the endpoint is available
 * (exposed, and not switched off with {@code management.endpoint.pgai.access=none}).
 */
@AutoConfiguration(after = PgaiWorkerAutoConfiguration.class)
@ConditionalOnClass({ PgaiEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PgaiEndpoint.class)
@ConditionalOnBean({ VectorizerCatalog.class, VectorizerQueues.class })
public final class PgaiEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PgaiEndpoint pgaiEndpoint(VectorizerCatalog catalog, VectorizerQueues queues,
			@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource, ObjectProvider<DataSource> dataSources,
			ObjectProvider<VectorizerWorkerLifecycle> worker) {
		VectorizerWorkerLifecycle lifecycle = worker.getIfAvailable();
		return new PgaiEndpoint(catalog, queues, JdbcClient.create(PgaiDataSources.pick(pgaiDataSource, dataSources)),
				(lifecycle != null) ? lifecycle.getWorker() : null);
	}

}
