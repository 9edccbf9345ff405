package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingLitellmConfig;
import io.github.pgaispring.sql.EmbeddingSpringAiConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The starter's provider for {@code spring_ai} ({@code ai.embedding_spring_ai}): a {@link SpringAiEmbedder} over a
 * Spring AI {@link EmbeddingModel} bean of the application, the one the configuration names or else the only (or
 * primary) one. It also runs pgai's LiteLLM models of the providers Spring AI reaches ({@code azure/…},
 * {@code bedrock/…}, {@code vertex_ai/…}, {@code gemini/…}, {@code mistral/…}) with the bean of the matching Spring AI
 * class. Beans are looked up when an embedder is built, not when the provider is.
 */
public final class SpringAiEmbeddingProvider
		implements StarterEmbeddingProvider<EmbeddingSpringAiConfig>, LitellmRoute {

	private static final Log logger = LogFactory.getLog(SpringAiEmbeddingProvider.class);

	/** LiteLLM's connection options, which the Spring AI bean's own settings replace. */
	private static final List<String> CONNECTION_OPTIONS = List.of("api_base", "api_version", "api_key");

	private final ListableBeanFactory beanFactory;

	private final SingletonSupplier<BatchingStrategy> batchingStrategy;

	/**
	 * Creates the provider.
	 * @param beanFactory where the {@code EmbeddingModel} beans are looked up
	 * @param batchingStrategy how each call's texts are split into requests
	 */
	public SpringAiEmbeddingProvider(ListableBeanFactory beanFactory, BatchingStrategy batchingStrategy) {
		this(beanFactory, () -> batchingStrategy);
		Assert.notNull(batchingStrategy, "batchingStrategy must not be null");
	}

	/**
	 * Creates the provider with a strategy that is created when the first embedder is built (Spring AI's
	 * {@code TokenCountBatchingStrategy} loads a tokenizer).
	 * @param beanFactory where the {@code EmbeddingModel} beans are looked up
	 * @param batchingStrategy supplies how each call's texts are split into requests
	 */
	public SpringAiEmbeddingProvider(ListableBeanFactory beanFactory, Supplier<? extends BatchingStrategy> batchingStrategy) {
		Assert.notNull(beanFactory, "beanFactory must not be null");
		Assert.notNull(batchingStrategy, "batchingStrategy must not be null");
		this.beanFactory = beanFactory;
		this.batchingStrategy = SingletonSupplier.of(batchingStrategy::get);
	}

	@Override
	public String implementation() {
		return EmbeddingSpringAiConfig.IMPLEMENTATION;
	}

	@Override
	public Class<EmbeddingSpringAiConfig> configType() {
		return EmbeddingSpringAiConfig.class;
	}

	@Override
	public Embedder createEmbedder(EmbeddingSpringAiConfig config) {
		Assert.isTrue(config.model() == null || !config.model().isBlank(),
				"The Spring AI embedding model must not be blank; leave it out for the model the bean is configured with");
		String beanName = (config.bean() != null) ? namedBean(config.bean()) : onlyBean();
		return new SpringAiEmbedder(beanName, this.beanFactory.getBean(beanName, EmbeddingModel.class), config.model(),
				config.dimensions(), this.batchingStrategy.obtain());
	}

	private String namedBean(String name) {
		List<String> names = Arrays.asList(this.beanFactory.getBeanNamesForType(EmbeddingModel.class));
		Assert.isTrue(names.contains(name), () -> "The application has no Spring AI EmbeddingModel bean named '" + name
				+ "'; " + (names.isEmpty() ? noBeans() : "its EmbeddingModel beans are " + names));
		return name;
	}

	private String onlyBean() {
		String[] names = this.beanFactory.getBeanNamesForType(EmbeddingModel.class);
		Assert.isTrue(names.length > 0, this::noBeans);
		if (names.length == 1) {
			return names[0];
		}
		EmbeddingModel primary = this.beanFactory.getBeanProvider(EmbeddingModel.class).getIfUnique();
		if (primary != null) {
			for (String name : names) {
				if (this.beanFactory.getBean(name) == primary) {
					return name;
				}
			}
		}
		throw new IllegalArgumentException("The application has several Spring AI EmbeddingModel beans "
				+ Arrays.toString(names) + " and none is @Primary; name one as the vectorizer's embedding bean"
				+ " (embedding.bean in pgai.vectorizers.<name>, bean => '...' of ai.embedding_spring_ai)");
	}

	private String noBeans() {
		return "the application has no Spring AI EmbeddingModel bean: add a Spring AI model starter such as"
				+ " spring-ai-starter-model-openai with its settings, or declare an EmbeddingModel bean";
	}

	@Override
	public Map<String, String> litellmProviders() {
		Map<String, String> providers = new LinkedHashMap<>();
		LitellmModels.SPRING_AI_MODELS.forEach((provider, classes) -> providers.put(provider,
				"a Spring AI " + String.join(" or ", classes) + " bean"));
		return providers;
	}

	@Override
	public EmbeddingConfig route(String litellmProvider, String model, EmbeddingLitellmConfig config) {
		Map<String, Object> options = (config.extraOptions() != null) ? config.extraOptions() : Map.of();
		LitellmModels.requireOnly(config, options, CONNECTION_OPTIONS.toArray(String[]::new));
		List<String> classes = LitellmModels.SPRING_AI_MODELS.get(litellmProvider);
		List<String> candidates = new ArrayList<>();
		for (String name : this.beanFactory.getBeanNamesForType(EmbeddingModel.class)) {
			Class<?> type = this.beanFactory.getType(name);
			if (type != null && isOneOf(ClassUtils.getUserClass(type), classes)) {
				candidates.add(name);
			}
		}
		String description = "The LiteLLM model '" + config.model() + "' runs with a Spring AI "
				+ String.join(" or ", classes) + " bean";
		Assert.isTrue(!candidates.isEmpty(), () -> description + ", and the application has none; add the Spring AI"
				+ " model starter for " + litellmProvider + " with its settings (Azure OpenAI is Spring AI's OpenAI module"
				+ " set up for Microsoft Foundry)");
		Assert.isTrue(candidates.size() == 1, () -> description + ", and the application has several " + candidates
				+ "; keep one, or recreate the vectorizer with ai.embedding_spring_ai(bean => '...')");
		if (!options.isEmpty() && logger.isInfoEnabled()) {
			logger.info(description + " '" + candidates.get(0) + "', whose own settings replace the extra_options "
					+ options.keySet());
		}
		return new EmbeddingSpringAiConfig(model, config.dimensions(), candidates.get(0));
	}

	private static boolean isOneOf(@Nullable Class<?> type, List<String> simpleNames) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (simpleNames.contains(candidate.getSimpleName())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "the starter's Spring AI provider";
	}

}
