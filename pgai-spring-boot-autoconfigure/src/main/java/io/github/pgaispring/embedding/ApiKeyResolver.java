package io.github.pgaispring.embedding;

import org.jspecify.annotations.Nullable;

/**
 * Looks up an API key by the name a vectorizer stores in its {@code api_key_name} (for example
 * {@code OPENAI_API_KEY}). The auto-configuration backs it by Spring's {@code Environment}, so a key can come
 * from an environment variable or from any Spring property source. Embedders resolve the key for every request
 * and never keep, log or report it.
 */
@FunctionalInterface
public interface ApiKeyResolver {

	/**
	 * Returns the key registered under the given name.
	 * @param name the name of the environment variable or property holding the key
	 * @return the key, or {@code null} if none is set
	 */
	@Nullable String resolve(String name);

	/**
	 * Returns a resolver that reads process environment variables.
	 * @return a resolver backed by {@link System#getenv(String)}
	 */
	static ApiKeyResolver environmentVariables() {
		return System::getenv;
	}

}
