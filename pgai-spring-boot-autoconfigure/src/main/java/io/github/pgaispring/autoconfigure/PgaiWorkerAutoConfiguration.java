package io.github.pgaispring.autoconfigure;

import java.time.ZoneId;
import java.util.LinkedHashSet;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.HttpEmbedderOptions;
import io.github.pgaispring.embedding.RetryPolicy;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.MicrometerWorkerMetrics;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedding side of the starter: the {@link EmbedderFactory} (API keys from Spring's
 * {@link Environment}, so environment variables and properties both work; HTTP settings from
 * {@code pgai.http.*}), the {@link PipelineFactory}, {@link VectorizerCatalog} and {@link VectorizerQueues}
 * for inspecting vectorizers and requeueing failed rows, and the {@link VectorizerWorker} that runs inside
 * the application unless {@code pgai.worker.enabled=false}.
 */
@AutoConfiguration(after = { PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ VectorizerWorker.class, org.postgresql.Driver.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiWorkerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbedderFactory pgaiEmbedderFactory(PgaiProperties properties, Environment environment) {
		PgaiProperties.Http http = properties.getHttp();
		RetryPolicy retryPolicy = new RetryPolicy(http.getRetry().getMaxAttempts(), http.getRetry().getInitialBackoff(),
				http.getRetry().getMaxBackoff());
		EmbedderFactory.Builder builder = EmbedderFactory.builder()
			.apiKeyResolver(environment::getProperty)
			.httpOptions(new HttpEmbedderOptions(http.getConnectTimeout(), http.getReadTimeout(), retryPolicy));
		if (properties.getOnnx().getThreads() != null) {
			builder.onnxThreads(properties.getOnnx().getThreads());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	PipelineFactory pgaiPipelineFactory(EmbedderFactory embedderFactory) {
		// PgJDBC sets every session's TimeZone to the JVM's, so timestamptz values arrive in that zone
		return new ConfiguredPipelineFactory(embedderFactory, ZoneId.systemDefault());
	}

	@Bean
	@ConditionalOnMissingBean
	VectorizerCatalog pgaiVectorizerCatalog(DataSource dataSource) {
		return new VectorizerCatalog(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean
	VectorizerQueues pgaiVectorizerQueues(DataSource dataSource) {
		return new VectorizerQueues(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pgai.worker.enabled", matchIfMissing = true)
	VectorizerWorkerLifecycle pgaiVectorizerWorker(DataSource dataSource, PipelineFactory pipelineFactory,
			PgaiProperties properties, ObjectProvider<WorkerMetrics> metrics) {
		PgaiProperties.Worker worker = properties.getWorker();
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(worker.getThreads())
			.withPollInterval(worker.getPollInterval())
			.withBatchSize(worker.getBatchSize())
			.withVectorizerNames(new LinkedHashSet<>(worker.getVectorizers()))
			.withRetries(worker.getMaxRetries(), worker.getRetryBackoff(), worker.getMaxRetryBackoff())
			.withShutdownTimeout(worker.getShutdownTimeout());
		return new VectorizerWorkerLifecycle(new VectorizerWorker(dataSource, pipelineFactory, settings,
				metrics.getIfAvailable(() -> WorkerMetrics.NONE)));
	}

	/** Worker metrics in the application's {@link MeterRegistry}, when Micrometer is used. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static final class WorkerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		WorkerMetrics pgaiWorkerMetrics(MeterRegistry meterRegistry) {
			return new MicrometerWorkerMetrics(meterRegistry);
		}

	}

}
