package io.github.pgaispring.embedding;

import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/**
 * Spring AI's real OpenAI {@code EmbeddingModel}, pointed at a local server that speaks OpenAI's API.
 */
public final class SpringAiOpenAiModels {

	private SpringAiOpenAiModels() {
	}

	/**
	 * A model that calls {@code <baseUrl>/v1/embeddings} with the given model and key, without retries.
	 * @param baseUrl the server, e.g. {@code http://127.0.0.1:4711}
	 * @param model the model of its options
	 * @param apiKey the key sent as bearer token
	 * @return the model
	 */
	public static OpenAiEmbeddingModel openAi(String baseUrl, String model, String apiKey) {
		return OpenAiEmbeddingModel.builder()
			.options(OpenAiEmbeddingOptions.builder()
				.baseUrl(baseUrl + "/v1")
				.apiKey(apiKey)
				.model(model)
				.maxRetries(0)
				.build())
			.build();
	}

}
