package io.github.pgaispring.sql;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code config} column of a row of {@code ai.vectorizer}: the JSON text as the server returned it, and
 * the {@link VectorizerConfig} read from it once. A configuration that cannot be read keeps the reason, so
 * that one bad vectorizer does not keep the others from being listed. Two stored configurations are equal
 * when their JSON texts are.
 */
public final class StoredVectorizerConfig {

	private final String json;

	private final @Nullable VectorizerConfig config;

	/** The {@code embedding} member of the parsed JSON, kept from the one parse. */
	private final @Nullable JsonNode embedding;

	private final @Nullable InvalidVectorizerConfigException error;

	private StoredVectorizerConfig(String json, @Nullable VectorizerConfig config, @Nullable JsonNode embedding,
			@Nullable InvalidVectorizerConfigException error) {
		this.json = json;
		this.config = config;
		this.embedding = embedding;
		this.error = error;
	}

	/**
	 * Reads a stored configuration; never throws.
	 * @param json the JSON text of {@code ai.vectorizer.config}
	 * @return the stored configuration
	 */
	public static StoredVectorizerConfig read(String json) {
		try {
			JsonNode tree = VectorizerConfigReader.tree(json, "A vectorizer config");
			return new StoredVectorizerConfig(json, VectorizerConfig.fromJson(tree), tree.path("embedding"), null);
		}
		catch (InvalidVectorizerConfigException ex) {
			return new StoredVectorizerConfig(json, null, null, ex);
		}
	}

	/** The JSON text, as stored. */
	public String json() {
		return this.json;
	}

	/**
	 * The typed configuration.
	 * @return the configuration
	 * @throws InvalidVectorizerConfigException if the stored JSON cannot be read; the message says why
	 */
	public VectorizerConfig config() {
		if (this.error != null) {
			throw new InvalidVectorizerConfigException(this.error.getMessage(), this.error);
		}
		return this.config;
	}

	/**
	 * The {@code embedding} member as JSON text, as stored (what a search statement compares with the stored
	 * configuration, see {@code ai._pgai_spring_embedding_current}).
	 * @return the JSON text
	 * @throws InvalidVectorizerConfigException if the stored JSON cannot be read; the message says why
	 */
	public String embeddingJson() {
		config();
		return this.embedding.toString();
	}

	/** The typed configuration, or empty if the stored JSON cannot be read. */
	public Optional<VectorizerConfig> ifReadable() {
		return Optional.ofNullable(this.config);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof StoredVectorizerConfig stored) && this.json.equals(stored.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return this.json;
	}

}
