package io.github.pgaispring.autoconfigure;

import java.time.ZoneId;
import java.util.LinkedHashSet;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProvider;
import io.github.pgaispring.embedding.HttpEmbedderOptions;
import io.github.pgaispring.embedding.OllamaEmbedder;
import io.github.pgaispring.embedding.OllamaEmbeddingProvider;
import io.github.pgaispring.embedding.OnnxEmbeddingProvider;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.embedding.OnnxSchedulerMetrics;
import io.github.pgaispring.embedding.OpenAiEmbeddingProvider;
import io.github.pgaispring.embedding.RetryPolicy;
import io.github.pgaispring.embedding.TokenUsageListener;
import io.github.pgaispring.embedding.VoyageAiEmbeddingProvider;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * The embedding side of the starter: the {@link EmbedderFactory} over every {@link EmbeddingProvider} bean,
 * the starter's own {@code openai}, {@code ollama}, {@code voyageai} and {@code onnx} providers (API keys from
 * Spring's {@link Environment}, so environment variables and properties both work; HTTP settings from
 * {@code pgai.http.*}); {@link PgaiSpringAiAutoConfiguration} adds the {@code spring_ai} provider), the
 * {@link PipelineFactory}, {@link VectorizerCatalog} and {@link VectorizerQueues} for inspecting vectorizers and
 * requeueing failed rows, the {@link VectorizerAwaiter} that waits for rows to be embedded, the
 * {@link VectorizerWorker} that runs inside the application unless {@code pgai.worker.enabled=false} (publishing a
 * {@link VectorizerCaughtUpEvent} each time a backlog drains, telling every {@link WorkerListener} bean, and
 * observing batches and embedding calls when there is an {@link ObservationRegistry}), and the
 * {@link BackfillReadinessGate} with {@code pgai.readiness.wait-for-backfill=true}.
 */
@AutoConfiguration(after = { PgaiCatalogAutoConfiguration.class, PgaiVectorizersAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration" })
@ConditionalOnClass({ VectorizerWorker.class, org.postgresql.Driver.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiWorkerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAiEmbeddingProvider pgaiOpenAiEmbeddingProvider(PgaiProperties properties, Environment environment,
			EmbeddingRestClients pgaiEmbeddingRestClients) {
		return new OpenAiEmbeddingProvider(environment::getProperty, httpOptions(properties),
				pgaiEmbeddingRestClients.builder());
	}

	@Bean
	@ConditionalOnMissingBean
	OllamaEmbeddingProvider pgaiOllamaEmbeddingProvider(PgaiProperties properties,
			EmbeddingRestClients pgaiEmbeddingRestClients) {
		return new OllamaEmbeddingProvider(httpOptions(properties), pgaiEmbeddingRestClients.builder(),
				OllamaEmbedder.DEFAULT_MAX_INPUTS_PER_REQUEST);
	}

	@Bean
	@ConditionalOnMissingBean
	VoyageAiEmbeddingProvider pgaiVoyageAiEmbeddingProvider(PgaiProperties properties, Environment environment,
			EmbeddingRestClients pgaiEmbeddingRestClients) {
		return new VoyageAiEmbeddingProvider(environment::getProperty, httpOptions(properties),
				pgaiEmbeddingRestClients.builder(), properties.getVoyageai().getBaseUrl());
	}

	/**
	 * Runs the in-process models for documents and queries alike; closed with the context, after the worker and
	 * the web server have stopped, so no ONNX session runs when the JVM exits.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	OnnxScheduler pgaiOnnxScheduler(PgaiProperties properties) {
		PgaiProperties.Onnx onnx = properties.getOnnx();
		return new OnnxScheduler(onnx.effectiveThreads(), onnx.getDocumentShare(), OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT,
				onnx.isChargeSearchStatements(), onnx.getReservedQueryThreads());
	}

	@Bean
	@ConditionalOnMissingBean
	OnnxEmbeddingProvider pgaiOnnxEmbeddingProvider(OnnxScheduler pgaiOnnxScheduler) {
		return new OnnxEmbeddingProvider(pgaiOnnxScheduler);
	}

	/** Every {@link EmbeddingProvider} bean: the starter's and the application's. */
	@Bean
	@ConditionalOnMissingBean
	EmbedderFactory pgaiEmbedderFactory(ObjectProvider<EmbeddingProvider<?>> providers,
			ObjectProvider<TokenUsageListener> tokenUsage, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EmbeddingObservationConvention> observationConvention) {
		return new EmbedderFactory(providers.orderedStream().toList(),
				tokenUsage.getIfAvailable(() -> TokenUsageListener.NONE),
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

	static HttpEmbedderOptions httpOptions(PgaiProperties properties) {
		PgaiProperties.Http http = properties.getHttp();
		RetryPolicy retryPolicy = new RetryPolicy(http.getRetry().getMaxAttempts(), http.getRetry().getInitialBackoff(),
				http.getRetry().getMaxBackoff());
		return new HttpEmbedderOptions(http.getConnectTimeout(), http.getReadTimeout(), retryPolicy);
	}

	/**
	 * The HTTP providers' clients from Spring Boot's auto-configured {@link RestClient.Builder} (customizers,
	 * observations) with a request factory from Boot's {@link ClientHttpRequestFactoryBuilder} and
	 * {@link HttpClientSettings} ({@code spring.http.clients.*}: HTTP library, SSL bundle, redirects), with the
	 * {@code pgai.http.*} timeouts.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder",
			"org.springframework.boot.http.client.HttpClientSettings" })
	static final class SpringBootHttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EmbeddingRestClients pgaiEmbeddingRestClients(PgaiProperties properties,
				ObjectProvider<RestClient.Builder> restClientBuilder,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> settings, ResourceLoader resourceLoader) {
			HttpEmbedderOptions options = httpOptions(properties);
			HttpClientSettings embeddingSettings = settings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(options.connectTimeout(), options.readTimeout());
			ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
				.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
			return new EmbeddingRestClients(restClientBuilder.getIfAvailable(RestClient::builder)
				.requestFactory(factoryBuilder.build(embeddingSettings)));
		}

	}

	/** Without Spring Boot's HTTP client support: the JDK's {@code HttpClient} with the {@code pgai.http.*} timeouts. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static final class JdkHttpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EmbeddingRestClients pgaiEmbeddingRestClients(PgaiProperties properties) {
			return new EmbeddingRestClients(httpOptions(properties).newRestClientBuilder());
		}

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

		/**
		 * The timers {@code pgai.onnx.runs} of the in-process models' scheduler, per workload, registered once with
		 * the application's registry.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		OnnxSchedulerMetrics pgaiOnnxSchedulerMetrics(OnnxScheduler pgaiOnnxScheduler, MeterRegistry meterRegistry) {
			OnnxSchedulerMetrics metrics = new OnnxSchedulerMetrics(pgaiOnnxScheduler);
			metrics.bindTo(meterRegistry);
			return metrics;
		}

		/** The counter {@code pgai.embedding.tokens}: tokens providers report, per vectorizer, provider and model. */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		TokenUsageListener pgaiTokenUsageListener(MeterRegistry meterRegistry) {
			return (vectorizer, embedding, tokens) -> Counter.builder("pgai.embedding.tokens")
				.description("Tokens the embedding provider reported for the vectorizer's documents and queries")
				.baseUnit("tokens")
				.tag("vectorizer", vectorizer)
				.tag("provider", embedding.implementation())
				.tag("model", String.valueOf(embedding.model()))
				.register(meterRegistry)
				.increment(tokens);
		}

	}

}
