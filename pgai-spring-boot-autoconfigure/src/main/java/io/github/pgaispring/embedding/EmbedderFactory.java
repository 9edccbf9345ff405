package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pgaispring.observation.EmbeddingObservationConvention;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.sql.EmbeddingLitellmConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds the {@link Embedder} for a vectorizer's embedding configuration with the {@link EmbeddingProvider} that
 * claims its {@code implementation}: the registry through which the worker (documents) and the repositories
 * (text queries) get their embedders. The starter's own providers serve {@code openai}, {@code ollama},
 * {@code voyageai}, {@code onnx} and, with Spring AI, {@code spring_ai}; pgai's {@code litellm} models run with the
 * provider their model string maps to ({@code openai/…}, {@code ollama/…}, {@code voyage/…}, {@code azure/…}
 * through Spring AI, ...). An application adds a provider by declaring an {@code EmbeddingProvider} bean, and
 * one that claims the name of a starter provider (or {@code litellm}) takes its place.
 * <p>
 * Configuration errors (an implementation no provider claims, an unknown model, wrong dimensions) raise an
 * {@link IllegalArgumentException} that says what to change; an unknown implementation's message lists the
 * registered ones.
 * <p>
 * With an {@link ObservationRegistry}, every call of the embedders it builds is a {@code pgai.embedding}
 * observation.
 */
public final class EmbedderFactory {

	private static final Log logger = LogFactory.getLog(EmbedderFactory.class);

	/** pgai's LiteLLM implementation, which the factory maps to other providers unless a provider claims it. */
	private static final String LITELLM = "litellm";

	private final Map<String, EmbeddingProvider<?>> providers;

	private final TokenUsageListener tokenUsage;

	private final ObservationRegistry observationRegistry;

	private final @Nullable EmbeddingObservationConvention observationConvention;

	/**
	 * Creates a factory with the given providers whose embedders are not observed.
	 * @param providers the providers, in the order their names are listed in messages; at most one for a
	 * name besides a starter provider, which it then replaces
	 * @throws IllegalStateException if two providers that are not the starter's claim the same name
	 */
	public EmbedderFactory(Collection<? extends EmbeddingProvider<?>> providers) {
		this(providers, TokenUsageListener.NONE, ObservationRegistry.NOOP, null);
	}

	/**
	 * Creates a factory with the given providers that reports the tokens providers count.
	 * @param providers the providers, in the order their names are listed in messages; at most one for a
	 * name besides a starter provider, which it then replaces
	 * @param tokenUsage receives the tokens of the embedders {@link #create(Vectorizer) created for a vectorizer}
	 * @throws IllegalStateException if two providers that are not the starter's claim the same name
	 */
	public EmbedderFactory(Collection<? extends EmbeddingProvider<?>> providers, TokenUsageListener tokenUsage) {
		this(providers, tokenUsage, ObservationRegistry.NOOP, null);
	}

	/**
	 * Creates a factory with the given providers whose embedders are observed and report the tokens they count.
	 * @param providers the providers, in the order their names are listed in messages; at most one for a
	 * name besides a starter provider, which it then replaces
	 * @param tokenUsage receives the tokens of the embedders {@link #create(Vectorizer) created for a vectorizer}
	 * @param observationRegistry where the {@code pgai.embedding} observations of every call go
	 * @param observationConvention the convention of these observations, or {@code null} for the default
	 * @throws IllegalStateException if two providers that are not the starter's claim the same name
	 */
	public EmbedderFactory(Collection<? extends EmbeddingProvider<?>> providers, TokenUsageListener tokenUsage,
			ObservationRegistry observationRegistry, @Nullable EmbeddingObservationConvention observationConvention) {
		Assert.notNull(tokenUsage, "tokenUsage must not be null");
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.tokenUsage = tokenUsage;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		Map<String, List<EmbeddingProvider<?>>> claims = new LinkedHashMap<>();
		for (EmbeddingProvider<?> provider : providers) {
			String implementation = provider.implementation();
			Assert.hasText(implementation, () -> provider + " claims no implementation name");
			claims.computeIfAbsent(implementation, (name) -> new ArrayList<>()).add(provider);
		}
		Map<String, EmbeddingProvider<?>> chosen = new LinkedHashMap<>();
		claims.forEach((implementation, claimants) -> chosen.put(implementation, choose(implementation, claimants)));
		this.providers = Collections.unmodifiableMap(chosen);
	}

	private static EmbeddingProvider<?> choose(String implementation, List<EmbeddingProvider<?>> claimants) {
		if (claimants.size() == 1) {
			return claimants.get(0);
		}
		List<EmbeddingProvider<?>> own = claimants.stream()
			.filter((provider) -> !(provider instanceof StarterEmbeddingProvider))
			.toList();
		if (own.size() != 1) {
			throw new IllegalStateException("Embedding implementation '" + implementation
					+ "' is claimed by several providers: " + claimants.stream().map(String::valueOf).toList()
					+ "; keep one EmbeddingProvider bean per implementation name");
		}
		logger.info(own.get(0) + " serves embedding implementation '" + implementation + "' instead of "
				+ claimants.stream().filter((provider) -> provider != own.get(0)).map(String::valueOf).toList());
		return own.get(0);
	}

	/**
	 * Starts building a factory with the starter's providers, for use without Spring's auto-configuration.
	 * @return a builder with defaults: keys from environment variables, {@link HttpEmbedderOptions#defaults()},
	 * an {@link OnnxScheduler} with one thread per core that closes when the JVM shuts down, and {@value OllamaEmbedder#DEFAULT_MAX_INPUTS_PER_REQUEST} inputs per Ollama
	 * request
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The implementation names the providers serve, in registration order.
	 * @return the names
	 */
	public Set<String> implementations() {
		if (this.providers.containsKey(LITELLM)) {
			return this.providers.keySet();
		}
		Set<String> names = new LinkedHashSet<>(this.providers.keySet());
		names.add(LITELLM);
		return Collections.unmodifiableSet(names);
	}

	/**
	 * Builds the embedder a vectorizer's embedding configuration describes.
	 * @param config the embedding configuration, such as {@code EmbeddingConfig.openai("text-embedding-3-small", 768)}
	 * @return the embedder
	 * @throws IllegalArgumentException if no provider claims the implementation, or the provider refuses the
	 * configuration
	 */
	public Embedder create(EmbeddingConfig config) {
		Assert.notNull(config, "The embedding configuration must not be null");
		return ObservedEmbedder.wrap(createUnobserved(config), config, this.observationRegistry,
				this.observationConvention);
	}

	private Embedder createUnobserved(EmbeddingConfig config) {
		if (config instanceof EmbeddingLitellmConfig litellm && !this.providers.containsKey(LITELLM)) {
			return createForLitellm(litellm);
		}
		EmbeddingProvider<?> provider = this.providers.get(config.implementation());
		if (provider == null && "sentence_transformers".equals(config.implementation())) {
			throw new IllegalArgumentException("The embedding implementation 'sentence_transformers' configures the"
					+ " embeddings of pgai's semantic catalog (ai.embedding_sentence_transformers()), which pgai's"
					+ " vectorizers reject too; recreate the vectorizer with ai.embedding_onnx(), ai.embedding_openai(...)"
					+ " or ai.embedding_ollama(...)");
		}
		if (provider == null) {
			String problem = (config instanceof EmbeddingCustomConfig)
					? "Unknown embedding implementation '" + config.implementation() + "'"
					: "No embedding provider serves the implementation '" + config.implementation() + "'";
			throw new IllegalArgumentException(problem + "; " + registered() + ", or declare an EmbeddingProvider"
					+ " bean that serves '" + config.implementation() + "'");
		}
		Embedder embedder = create(provider, config);
		Integer dimensions = config.dimensions();
		if (dimensions != null && embedder.dimensions() != dimensions) {
			throw new IllegalArgumentException(provider + " built a " + embedder.dimensions()
					+ "-dimensional embedder for an embedding configuration of dimensions " + dimensions
					+ "; make the configuration's dimensions match the model");
		}
		return embedder;
	}

	/**
	 * Builds the embedder of a vectorizer, whose token counts (where its provider reports them) go to this
	 * factory's {@link TokenUsageListener} under the vectorizer's name.
	 * @param vectorizer the vectorizer
	 * @return the embedder
	 * @throws IllegalArgumentException if no provider claims the implementation, or the provider refuses the
	 * configuration
	 */
	public Embedder create(Vectorizer vectorizer) {
		EmbeddingConfig config = vectorizer.config().embedding();
		Embedder embedder = createUnobserved(config);
		if (embedder instanceof TokenCounting counting && this.tokenUsage != TokenUsageListener.NONE) {
			embedder = new TokenReportingEmbedder(embedder, counting, vectorizer.name(), config, this.tokenUsage);
		}
		return ObservedEmbedder.wrap(embedder, config, this.observationRegistry, this.observationConvention);
	}

	/**
	 * Runs a LiteLLM model with the provider its model string maps to (see {@link LitellmModels}), unless the
	 * application's own provider claims {@code litellm}.
	 */
	private Embedder createForLitellm(EmbeddingLitellmConfig config) {
		List<LitellmRoute> routes = this.providers.values()
			.stream()
			.filter(LitellmRoute.class::isInstance)
			.map(LitellmRoute.class::cast)
			.toList();
		EmbeddingConfig mapped = LitellmModels.map(config, routes);
		try {
			return createUnobserved(mapped);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The LiteLLM model '" + config.model() + "' runs as embedding '"
					+ mapped.implementation() + "' (" + mapped.toSql() + "), which failed: " + ex.getMessage(), ex);
		}
	}

	private static <C extends EmbeddingConfig> Embedder create(EmbeddingProvider<C> provider, EmbeddingConfig config) {
		if (!provider.configType().isInstance(config)) {
			throw new IllegalArgumentException(provider + " reads " + provider.configType().getSimpleName()
					+ " configurations, but '" + config.implementation() + "' is stored as "
					+ config.getClass().getSimpleName() + "; declare it as EmbeddingProvider<"
					+ config.getClass().getSimpleName() + ">");
		}
		Embedder embedder = provider.createEmbedder(provider.configType().cast(config));
		Assert.state(embedder != null, () -> provider + " returned no embedder");
		return embedder;
	}

	/** The registered implementations, e.g. {@code use openai, ollama or onnx}. */
	private String registered() {
		List<String> names = List.copyOf(implementations());
		if (names.size() <= 1) {
			return names.isEmpty() ? "no embedding provider is registered" : "use " + names.get(0);
		}
		return "use " + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
	}

	/**
	 * Builds an {@link EmbedderFactory}.
	 */
	public static final class Builder extends HttpTransportBuilder<Builder> {

		private ApiKeyResolver apiKeyResolver = ApiKeyResolver.environmentVariables();

		private @Nullable OnnxScheduler onnxScheduler;

		private int onnxThreads = Runtime.getRuntime().availableProcessors();

		private int ollamaMaxInputsPerRequest = OllamaEmbedder.DEFAULT_MAX_INPUTS_PER_REQUEST;

		private String voyageAiBaseUrl = VoyageAiEmbedder.DEFAULT_BASE_URL;

		private final List<EmbeddingProvider<?>> providers = new ArrayList<>();

		private TokenUsageListener tokenUsage = TokenUsageListener.NONE;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder() {
		}

		/**
		 * Sets what receives the tokens providers report for a vectorizer's calls; defaults to none.
		 * @param tokenUsage the listener
		 * @return this builder
		 */
		public Builder tokenUsage(TokenUsageListener tokenUsage) {
			Assert.notNull(tokenUsage, "tokenUsage must not be null");
			this.tokenUsage = tokenUsage;
			return this;
		}

		/**
		 * Sets where the {@code pgai.embedding} observations of every embedding call go; none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "observationRegistry must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Adds a provider next to the starter's (replacing the starter's for the same implementation).
		 * @param provider the provider
		 * @return this builder
		 */
		public Builder provider(EmbeddingProvider<?> provider) {
			Assert.notNull(provider, "provider must not be null");
			this.providers.add(provider);
			return this;
		}

		/**
		 * Sets how API keys are looked up by their {@code api_key_name}; defaults to environment variables.
		 * @param apiKeyResolver the resolver
		 * @return this builder
		 */
		public Builder apiKeyResolver(ApiKeyResolver apiKeyResolver) {
			Assert.notNull(apiKeyResolver, "apiKeyResolver must not be null");
			this.apiKeyResolver = apiKeyResolver;
			return this;
		}

		/**
		 * Sets the scheduler all ONNX embedders share; when set, {@link #onnxThreads(int)} is not used.
		 * @param onnxScheduler the scheduler, owned (and closed) by the caller
		 * @return this builder
		 */
		public Builder onnxScheduler(OnnxScheduler onnxScheduler) {
			Assert.notNull(onnxScheduler, "onnxScheduler must not be null");
			this.onnxScheduler = onnxScheduler;
			return this;
		}

		/**
		 * Sets how many threads the factory's own {@link OnnxScheduler} has; defaults to the number of cores. That
		 * scheduler is closed when the JVM shuts down.
		 * @param onnxThreads the thread count, at least 1
		 * @return this builder
		 */
		public Builder onnxThreads(int onnxThreads) {
			Assert.isTrue(onnxThreads >= 1, () -> "onnxThreads must be at least 1 but was " + onnxThreads);
			this.onnxThreads = onnxThreads;
			return this;
		}

		/**
		 * Sets the most inputs sent in one Ollama request.
		 * @param ollamaMaxInputsPerRequest the limit, at least 1
		 * @return this builder
		 */
		public Builder ollamaMaxInputsPerRequest(int ollamaMaxInputsPerRequest) {
			Assert.isTrue(ollamaMaxInputsPerRequest >= 1,
					() -> "ollamaMaxInputsPerRequest must be at least 1 but was " + ollamaMaxInputsPerRequest);
			this.ollamaMaxInputsPerRequest = ollamaMaxInputsPerRequest;
			return this;
		}

		/**
		 * Sets the base URL of Voyage AI's API, for every {@code voyageai} vectorizer (pgai stores none).
		 * @param voyageAiBaseUrl the URL; defaults to {@value VoyageAiEmbedder#DEFAULT_BASE_URL}
		 * @return this builder
		 */
		public Builder voyageAiBaseUrl(String voyageAiBaseUrl) {
			Assert.hasText(voyageAiBaseUrl, "voyageAiBaseUrl must not be empty");
			this.voyageAiBaseUrl = voyageAiBaseUrl;
			return this;
		}

		/**
		 * Builds the factory with the added providers and the starter's {@code openai}, {@code ollama},
		 * {@code voyageai} and {@code onnx} providers ({@code litellm} models run with them).
		 * @return the factory
		 */
		public EmbedderFactory build() {
			List<EmbeddingProvider<?>> all = new ArrayList<>(this.providers);
			all.add(new OpenAiEmbeddingProvider(this.apiKeyResolver, getHttpOptions(), getRestClientBuilder()));
			all.add(new OllamaEmbeddingProvider(getHttpOptions(), getRestClientBuilder(), this.ollamaMaxInputsPerRequest));
			all.add(new VoyageAiEmbeddingProvider(this.apiKeyResolver, getHttpOptions(), getRestClientBuilder(),
					this.voyageAiBaseUrl));
			all.add(new OnnxEmbeddingProvider((this.onnxScheduler != null) ? this.onnxScheduler
					: new OnnxScheduler(this.onnxThreads).closeOnJvmShutdown()));
			return new EmbedderFactory(all, this.tokenUsage, this.observationRegistry, null);
		}

	}

}
