package io.github.pgaispring.embedding;

/**
 * Looks up the API key an HTTP embedder needs for a call, failing with what to set when there is none.
 */
final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * Returns the key registered under the vectorizer's {@code api_key_name}.
	 * @param resolver how keys are looked up
	 * @param apiKeyName the name of the environment variable or Spring property
	 * @param provider the provider's display name, used in the message
	 * @param model the model, used in the message
	 * @return the key, never blank
	 * @throws EmbeddingException if no key is set under that name
	 */
	static String require(ApiKeyResolver resolver, String apiKeyName, String provider, String model) {
		String apiKey = resolver.resolve(apiKeyName);
		if (apiKey == null || apiKey.isBlank()) {
			throw new EmbeddingException("No API key for " + provider + " model '" + model
					+ "': set the environment variable or Spring property '" + apiKeyName
					+ "' (the vectorizer's api_key_name), or change api_key_name to the variable that holds the key");
		}
		return apiKey;
	}

}
