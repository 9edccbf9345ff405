package io.github.pgaispring.sql;

/**
 * The model that embeds the chunks ({@code embedding=>} of {@code ai.create_vectorizer}). pgai's
 * implementations and this starter's {@code onnx} have a record each; any other {@code implementation} is
 * read as an {@link EmbeddingCustomConfig}, so that an application's own embedding provider can serve it.
 */
public sealed interface EmbeddingConfig extends VectorizerConfigPart permits EmbeddingOpenaiConfig,
		EmbeddingOllamaConfig, EmbeddingVoyageaiConfig, EmbeddingLitellmConfig, EmbeddingOnnxConfig,
		EmbeddingSpringAiConfig, EmbeddingCustomConfig {

	/**
	 * Reads an embedding configuration as stored in {@code config.embedding} of {@code ai.vectorizer}, with
	 * the same rules and messages as {@link VectorizerConfig#fromJson(String)}.
	 * @param json the JSON object, e.g. {@code {"implementation": "openai", "model": "...", "dimensions": 768}}
	 * @return the configuration
	 * @throws InvalidVectorizerConfigException if the text is not a valid embedding configuration
	 */
	static EmbeddingConfig fromJson(String json) {
		return VectorizerConfigReader.embedding(VectorizerConfigReader.tree(json, "An embedding config"));
	}

	/**
	 * Embeds with OpenAI (pgai's {@code OpenAIConfig}): {@code ai.embedding_openai(model=>..., dimensions=>...)}.
	 * @param model the model, e.g. {@code text-embedding-3-small}
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	static EmbeddingOpenaiConfig openai(String model, int dimensions) {
		return new EmbeddingOpenaiConfig(model, dimensions, null, null, null);
	}

	/**
	 * Embeds with an Ollama server: {@code ai.embedding_ollama(model=>..., dimensions=>...)}.
	 * @param model the model, e.g. {@code nomic-embed-text}
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	static EmbeddingOllamaConfig ollama(String model, int dimensions) {
		return new EmbeddingOllamaConfig(model, dimensions, null, null, null);
	}

	/**
	 * Embeds with Voyage AI: {@code ai.embedding_voyageai(model=>..., dimensions=>...)}.
	 * @param model the model, e.g. {@code voyage-3-lite}
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	static EmbeddingVoyageaiConfig voyageai(String model, int dimensions) {
		return new EmbeddingVoyageaiConfig(model, dimensions, null, null);
	}

	/**
	 * Embeds through LiteLLM: {@code ai.embedding_litellm(model=>..., dimensions=>...)}.
	 * @param model the provider-prefixed model, e.g. {@code cohere/embed-english-v3.0}
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	static EmbeddingLitellmConfig litellm(String model, int dimensions) {
		return new EmbeddingLitellmConfig(model, dimensions, null, null);
	}

	/**
	 * Embeds in-process with the default ONNX model ({@code all-minilm-l6-v2}, 384 dimensions):
	 * {@code ai.embedding_onnx()}. Not part of pgai.
	 * @return the configuration
	 */
	static EmbeddingOnnxConfig onnx() {
		return new EmbeddingOnnxConfig(null, null);
	}

	/**
	 * Embeds in-process with an ONNX model: {@code ai.embedding_onnx(model=>..., dimensions=>...)}. Not part
	 * of pgai.
	 * @param model the model, {@code all-minilm-l6-v2} or {@code bge-small-en-v1.5}
	 * @param dimensions the vector length
	 * @return the configuration
	 */
	static EmbeddingOnnxConfig onnx(String model, int dimensions) {
		return new EmbeddingOnnxConfig(model, dimensions);
	}

	/**
	 * Embeds with the application's Spring AI {@code EmbeddingModel} bean (its only or primary one):
	 * {@code ai.embedding_spring_ai(dimensions=>...)}. Not part of pgai.
	 * @param dimensions the vector length the model returns
	 * @return the configuration; {@link EmbeddingSpringAiConfig#withBean(String)} names another bean
	 */
	static EmbeddingSpringAiConfig springAi(int dimensions) {
		return new EmbeddingSpringAiConfig(null, dimensions, null);
	}

	/**
	 * Embeds with the given model of the application's Spring AI {@code EmbeddingModel} bean:
	 * {@code ai.embedding_spring_ai(model=>..., dimensions=>...)}. Not part of pgai.
	 * @param model the model each request asks for, e.g. {@code text-embedding-3-small}
	 * @param dimensions the vector length the model returns
	 * @return the configuration
	 */
	static EmbeddingSpringAiConfig springAi(String model, int dimensions) {
		return new EmbeddingSpringAiConfig(model, dimensions, null);
	}

	/**
	 * Embeds with an application's own {@code EmbeddingProvider} that claims the implementation name:
	 * {@code ai.embedding_custom(implementation=>..., model=>..., dimensions=>...)}. Not part of pgai.
	 * @param implementation the name the provider claims, e.g. {@code cohere}
	 * @param model the model
	 * @param dimensions the vector length
	 * @return the configuration; {@link EmbeddingCustomConfig#withOptions(java.util.Map)} adds options
	 */
	static EmbeddingCustomConfig custom(String implementation, String model, int dimensions) {
		return EmbeddingCustomConfig.of(implementation, model, dimensions);
	}

	/**
	 * The {@code implementation} the configuration is stored with, such as {@code openai}: the name an
	 * embedding provider claims.
	 */
	String implementation();

	/** The model name, or {@code null} for the server default where the function has one. */
	String model();

	/** The vector length, or {@code null} for the server default where the function has one. */
	Integer dimensions();

}
