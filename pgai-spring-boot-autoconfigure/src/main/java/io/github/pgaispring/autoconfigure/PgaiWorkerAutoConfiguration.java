package io.github.pgaispring.autoconfigure;

import java.time.ZoneId;
import java.util.LinkedHashSet;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProvider;
import io.github.pgaispring.embedding.HttpEmbedderOptions;
import io.github.pgaispring.embedding.OllamaEmbedder;
import io.github.pgaispring.embedding.OllamaEmbeddingProvider;
import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxEmbeddingProvider;
import io.github.pgaispring.embedding.OpenAiEmbeddingProvider;
import io.github.pgaispring.embedding.RetryPolicy;
import io.github.pgaispring.embedding.VoyageAiEmbeddingProvider;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The embedding side of the starter: the {@link EmbedderFactory} over every {@link EmbeddingProvider} bean,
 * the starter's own {@code openai}, {@code ollama}, {@code voyageai} and {@code onnx} providers (API keys from
 * Spring's {@link Environment}, so environment variables and properties both work; HTTP settings from
 * {@code pgai.http.*}); {@link PgaiSpringAiAutoConfiguration} adds the {@code spring_ai} provider, the {@link PipelineFactory}, {@link VectorizerCatalog} and {@link VectorizerQueues}
 * for inspecting vectorizers and requeueing failed rows, and the {@link VectorizerWorker} that runs inside
 * the application unless {@code pgai.worker.enabled=false}.
 */
@AutoConfiguration(after = { PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ VectorizerWorker.class, org.postgresql.Driver.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiWorkerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAiEmbeddingProvider pgaiOpenAiEmbeddingProvider(PgaiProperties properties, Environment environment) {
		return new OpenAiEmbeddingProvider(environment::getProperty, httpOptions(properties), RestClient.builder());
	}

	@Bean
	@ConditionalOnMissingBean
	OllamaEmbeddingProvider pgaiOllamaEmbeddingProvider(PgaiProperties properties) {
		return new OllamaEmbeddingProvider(httpOptions(properties), RestClient.builder(),
				OllamaEmbedder.DEFAULT_MAX_INPUTS_PER_REQUEST);
	}

	@Bean
	@ConditionalOnMissingBean
	VoyageAiEmbeddingProvider pgaiVoyageAiEmbeddingProvider(PgaiProperties properties, Environment environment) {
		return new VoyageAiEmbeddingProvider(environment::getProperty, httpOptions(properties), RestClient.builder(),
				properties.getVoyageai().getBaseUrl());
	}

	@Bean
	@ConditionalOnMissingBean
	OnnxEmbeddingProvider pgaiOnnxEmbeddingProvider(PgaiProperties properties) {
		Integer threads = properties.getOnnx().getThreads();
		return new OnnxEmbeddingProvider(
				OnnxEmbedder.newExecutor((threads != null) ? threads : Runtime.getRuntime().availableProcessors()));
	}

	/** Every {@link EmbeddingProvider} bean: the starter's and the application's. */
	@Bean
	@ConditionalOnMissingBean
	EmbedderFactory pgaiEmbedderFactory(ObjectProvider<EmbeddingProvider<?>> providers) {
		return new EmbedderFactory(providers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	PipelineFactory pgaiPipelineFactory(EmbedderFactory embedderFactory) {
		// PgJDBC sets every session's TimeZone to the JVM's, so timestamptz values arrive in that zone
		return new ConfiguredPipelineFactory(embedderFactory, ZoneId.systemDefault());
	}

	@Bean
	@ConditionalOnMissingBean
	VectorizerCatalog pgaiVectorizerCatalog(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources) {
		return new VectorizerCatalog(PgaiDataSources.pick(pgaiDataSource, dataSources));
	}

	@Bean
	@ConditionalOnMissingBean
	VectorizerQueues pgaiVectorizerQueues(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources) {
		return new VectorizerQueues(PgaiDataSources.pick(pgaiDataSource, dataSources));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pgai.worker.enabled", matchIfMissing = true)
	VectorizerWorkerLifecycle pgaiVectorizerWorker(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources, PipelineFactory pipelineFactory,
			PgaiProperties properties, ObjectProvider<WorkerMetrics> metrics) {
		PgaiProperties.Worker worker = properties.getWorker();
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(worker.getThreads())
			.withPollInterval(worker.getPollInterval())
			.withBatchSize(worker.getBatchSize())
			.withVectorizerNames(new LinkedHashSet<>(worker.getVectorizers()))
			.withRetries(worker.getMaxRetries(), worker.getRetryBackoff(), worker.getMaxRetryBackoff())
			.withShutdownTimeout(worker.getShutdownTimeout());
		return new VectorizerWorkerLifecycle(new VectorizerWorker(PgaiDataSources.pick(pgaiDataSource, dataSources), pipelineFactory, settings,
				metrics.getIfAvailable(() -> WorkerMetrics.NONE)));
	}

	private static HttpEmbedderOptions httpOptions(PgaiProperties properties) {
		PgaiProperties.Http http = properties.getHttp();
		RetryPolicy retryPolicy = new RetryPolicy(http.getRetry().getMaxAttempts(), http.getRetry().getInitialBackoff(),
				http.getRetry().getMaxBackoff());
		return new HttpEmbedderOptions(http.getConnectTimeout(), http.getReadTimeout(), retryPolicy);
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
