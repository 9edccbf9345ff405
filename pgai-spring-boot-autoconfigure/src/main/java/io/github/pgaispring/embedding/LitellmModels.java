package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingLitellmConfig;
import io.github.pgaispring.sql.EmbeddingOllamaConfig;
import io.github.pgaispring.sql.EmbeddingOpenaiConfig;
import io.github.pgaispring.sql.EmbeddingVoyageaiConfig;
import org.jspecify.annotations.Nullable;

/**
 * Maps pgai's {@code litellm} embedding configurations to the starter's providers by the provider prefix of
 * LiteLLM's model string: {@code openai/…} (and OpenAI's own model names without a prefix) to {@code openai},
 * {@code ollama/…} to {@code ollama}, {@code voyage/…} to {@code voyageai}, and the prefixes a {@link LitellmRoute}
 * serves (the Spring AI bridge: {@code azure/…}, {@code bedrock/…}, ...) to it. The key named by
 * {@code api_key_name} (or the provider's default key, as LiteLLM reads it from the environment) and the
 * {@code extra_options} that have an equivalent ({@code api_base}, {@code user}, {@code input_type},
 * {@code dimensions}) carry over; any other option is refused, since dropping it could change the vectors.
 */
final class LitellmModels {

	/** OpenAI's embedding models, which LiteLLM routes to OpenAI without a prefix. */
	private static final Set<String> OPENAI_MODELS = Set.of("text-embedding-3-small", "text-embedding-3-large",
			"text-embedding-ada-002");

	private static final Map<String, String> STARTER_ROUTES = Map.of("openai", "the starter's OpenAI provider",
			"ollama", "the starter's Ollama provider", "voyage", "the starter's Voyage AI provider");

	/**
	 * The LiteLLM providers the Spring AI bridge serves, each with the simple names of the Spring AI
	 * {@code EmbeddingModel} classes that reach it (Spring AI 2 reaches Azure OpenAI through its OpenAI module).
	 */
	static final Map<String, List<String>> SPRING_AI_MODELS = springAiModels();

	private LitellmModels() {
	}

	/**
	 * Maps a configuration.
	 * @param config the LiteLLM configuration
	 * @param routes the routes of providers that serve more LiteLLM providers
	 * @return the configuration of the starter provider that embeds the model
	 * @throws IllegalArgumentException if no route serves the model's provider, or its options cannot carry over
	 */
	static EmbeddingConfig map(EmbeddingLitellmConfig config, Collection<LitellmRoute> routes) {
		String modelString = config.model();
		int slash = modelString.indexOf('/');
		String provider = (slash > 0) ? modelString.substring(0, slash)
				: (OPENAI_MODELS.contains(modelString) ? "openai" : "");
		String model = (slash > 0) ? modelString.substring(slash + 1) : modelString;
		Map<String, Object> options = (config.extraOptions() != null) ? config.extraOptions() : Map.of();
		switch (provider) {
			case "openai" -> {
				requireOnly(config, options, "api_base", "user");
				return new EmbeddingOpenaiConfig(model, config.dimensions(), text(config, options, "user"),
						config.apiKeyName(), text(config, options, "api_base"));
			}
			case "ollama" -> {
				requireOnly(config, options, "api_base");
				return new EmbeddingOllamaConfig(model, config.dimensions(), text(config, options, "api_base"), null,
						null);
			}
			case "voyage" -> {
				requireOnly(config, options, "input_type", "dimensions");
				return new EmbeddingVoyageaiConfig(model, config.dimensions(), text(config, options, "input_type"),
						config.apiKeyName(), integer(config, options, "dimensions"), null);
			}
			default -> {
				for (LitellmRoute route : routes) {
					if (route.litellmProviders().containsKey(provider)) {
						return route.route(provider, model, config);
					}
				}
				throw new IllegalArgumentException("The LiteLLM model '" + modelString + "' "
						+ (provider.isEmpty() ? "names no provider" : "is of provider '" + provider + "'")
						+ ", which this starter does not reach; it runs LiteLLM models " + served(routes)
						+ ". Recreate the vectorizer with another embedding, or declare an EmbeddingProvider bean that"
						+ " serves 'litellm'");
			}
		}
	}

	private static Map<String, List<String>> springAiModels() {
		Map<String, List<String>> models = new LinkedHashMap<>();
		models.put("azure", List.of("OpenAiEmbeddingModel"));
		models.put("bedrock", List.of("BedrockTitanEmbeddingModel", "BedrockCohereEmbeddingModel"));
		models.put("vertex_ai", List.of("VertexAiTextEmbeddingModel"));
		models.put("gemini", List.of("GoogleGenAiTextEmbeddingModel"));
		models.put("mistral", List.of("MistralAiEmbeddingModel"));
		return Collections.unmodifiableMap(models);
	}

	/** Fails unless every option is one of the given ones. */
	static void requireOnly(EmbeddingLitellmConfig config, Map<String, Object> options, String... supported) {
		List<String> unsupported = new ArrayList<>(options.keySet());
		unsupported.removeAll(List.of(supported));
		if (!unsupported.isEmpty()) {
			throw new IllegalArgumentException("The LiteLLM model '" + config.model() + "' has extra_options "
					+ unsupported + " that the starter cannot apply"
					+ ((supported.length > 0) ? " (it applies " + String.join(", ", supported) + ")" : "")
					+ "; remove them from the vectorizer's extra_options");
		}
	}

	private static @Nullable String text(EmbeddingLitellmConfig config, Map<String, Object> options, String key) {
		return option(config, options, key, String.class, "a string");
	}

	private static @Nullable Integer integer(EmbeddingLitellmConfig config, Map<String, Object> options, String key) {
		return option(config, options, key, Integer.class, "an integer");
	}

	private static <T> @Nullable T option(EmbeddingLitellmConfig config, Map<String, Object> options, String key,
			Class<T> type, String expected) {
		Object value = options.get(key);
		if (value != null && !type.isInstance(value)) {
			throw new IllegalArgumentException("The extra_options '" + key + "' of the LiteLLM model '"
					+ config.model() + "' must be " + expected + ", but was " + value);
		}
		return type.cast(value);
	}

	/** The mapping, for messages: {@code openai/… (the starter's OpenAI provider), ...}. */
	private static String served(Collection<LitellmRoute> routes) {
		Map<String, String> served = new LinkedHashMap<>();
		served.put("openai", STARTER_ROUTES.get("openai"));
		served.put("ollama", STARTER_ROUTES.get("ollama"));
		served.put("voyage", STARTER_ROUTES.get("voyage"));
		routes.forEach((route) -> route.litellmProviders().forEach(served::putIfAbsent));
		List<String> entries = new ArrayList<>();
		served.forEach((provider, serving) -> entries.add(provider + "/… with " + serving));
		String text = String.join(", ", entries);
		if (routes.stream().noneMatch((route) -> route.litellmProviders().keySet().containsAll(SPRING_AI_MODELS.keySet()))) {
			text += ", and with Spring AI (spring-ai-model and a model starter on the class path) "
					+ String.join(", ", SPRING_AI_MODELS.keySet().stream().sorted().map((p) -> p + "/…").toList())
					+ " with a Spring AI EmbeddingModel bean";
		}
		return text;
	}

}
