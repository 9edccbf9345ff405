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
import io.github.pgaispring.observation.BatchObservationConvention;
import io.github.pgaispring.observation.EmbeddingObservationConvention;
import io.github.pgaispring.progress.BackfillReadinessGate;
import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.progress.VectorizerCaughtUpEvent;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.worker.ConfiguredPipelineFactory;
import io.github.pgaispring.worker.MicrometerWorkerMetrics;
import io.github.pgaispring.worker.PipelineFactory;
import io.github.pgaispring.worker.VectorizerQueues;
import io.github.pgaispring.worker.VectorizerWorker;
import io.github.pgaispring.worker.WorkerListener;
import io.github.pgaispring.worker.WorkerMetrics;
import io.github.pgaispring.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The embedding side of the starter: the {@link EmbedderFactory} over every {@link EmbeddingProvider} bean,
 * the starter's own {@code openai}, {@code ollama} and {@code onnx} providers (API keys from Spring's
 * {@link Environment}, so environment variables and properties both work; HTTP settings from
 * {@code pgai.http.*}), the {@link PipelineFactory}, {@link VectorizerCatalog} and {@link VectorizerQueues}
 * for inspecting vectorizers and requeueing failed rows, the {@link VectorizerAwaiter} that waits for rows to be
 * embedded, the {@link VectorizerWorker} that runs inside the application unless {@code pgai.worker.enabled=false}
 * (publishing a {@link VectorizerCaughtUpEvent} each time a backlog drains, telling every {@link WorkerListener}
 * bean, and observing batches and embedding calls when there is an {@link ObservationRegistry}), and the
 * {@link BackfillReadinessGate} with {@code pgai.readiness.wait-for-backfill=true}.
 */
@AutoConfiguration(after = { PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration" })
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
	OnnxEmbeddingProvider pgaiOnnxEmbeddingProvider(PgaiProperties properties) {
		Integer threads = properties.getOnnx().getThreads();
		return new OnnxEmbeddingProvider(
				OnnxEmbedder.newExecutor((threads != null) ? threads : Runtime.getRuntime().availableProcessors()));
	}

	/** Every {@link EmbeddingProvider} bean: the starter's and the application's. */
	@Bean
	@ConditionalOnMissingBean
	EmbedderFactory pgaiEmbedderFactory(ObjectProvider<EmbeddingProvider<?>> providers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EmbeddingObservationConvention> observationConvention) {
		return new EmbedderFactory(providers.orderedStream().toList(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique());
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
	VectorizerAwaiter pgaiVectorizerAwaiter(VectorizerCatalog catalog, VectorizerQueues queues) {
		return new VectorizerAwaiter(catalog, queues);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("pgai.readiness.wait-for-backfill")
	@ConditionalOnBean(ApplicationAvailability.class)
	BackfillReadinessGate pgaiBackfillReadinessGate(ApplicationEventPublisher publisher,
			ApplicationAvailability availability, VectorizerCatalog catalog, VectorizerQueues queues,
			VectorizerAwaiter awaiter, PgaiProperties properties) {
		return new BackfillReadinessGate(publisher, availability, catalog, queues, awaiter,
				new LinkedHashSet<>(properties.getWorker().getVectorizers()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pgai.worker.enabled", matchIfMissing = true)
	VectorizerWorkerLifecycle pgaiVectorizerWorker(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources, PipelineFactory pipelineFactory,
			PgaiProperties properties, ObjectProvider<WorkerMetrics> metrics, ObjectProvider<WorkerListener> listeners,
			ApplicationEventPublisher publisher, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<BatchObservationConvention> observationConvention) {
		PgaiProperties.Worker worker = properties.getWorker();
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(worker.getThreads())
			.withPollInterval(worker.getPollInterval())
			.withBatchSize(worker.getBatchSize())
			.withVectorizerNames(new LinkedHashSet<>(worker.getVectorizers()))
			.withRetries(worker.getMaxRetries(), worker.getRetryBackoff(), worker.getMaxRetryBackoff())
			.withShutdownTimeout(worker.getShutdownTimeout());
		VectorizerWorker vectorizerWorker = new VectorizerWorker(PgaiDataSources.pick(pgaiDataSource, dataSources),
				pipelineFactory, settings, metrics.getIfAvailable(() -> WorkerMetrics.NONE));
		listeners.orderedStream().forEach(vectorizerWorker::addListener);
		vectorizerWorker.addListener((vectorizer, rows, chunks, elapsed) -> publisher
			.publishEvent(new VectorizerCaughtUpEvent(vectorizerWorker, vectorizer.name(), rows, chunks, elapsed)));
		vectorizerWorker.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				observationConvention.getIfUnique());
		return new VectorizerWorkerLifecycle(vectorizerWorker);
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
