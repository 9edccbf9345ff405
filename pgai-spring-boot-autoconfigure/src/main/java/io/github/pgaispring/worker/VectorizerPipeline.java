package io.github.pgaispring.worker;

import java.util.List;
import java.util.Map;

import io.github.pgaispring.embedding.Embedder;

/**
 * The per-vectorizer text pipeline the worker drives: chunking, formatting and embedding, configured
 * from the vectorizer's stored config. Implementations are thread-safe; several batches of the same
 * vectorizer may run at once.
 */
public interface VectorizerPipeline {

	/**
	 * Splits a source row's text into chunks ({@code config.chunking}).
	 * @param text the loaded text, never {@code null} or empty
	 * @return the chunks in order; empty when there is nothing to embed
	 */
	List<String> chunk(String text);

	/**
	 * Renders a chunk for embedding and storage ({@code config.formatting}); the result is what the
	 * {@code chunk} column stores.
	 * @param chunk one chunk
	 * @param row the source row: every column by name, plus {@code loading_retries}
	 * @return the formatted text
	 */
	String format(String chunk, Map<String, Object> row);

	/** The embedder for {@code config.embedding}. */
	Embedder embedder();

	/**
	 * This pipeline's chunking and formatting with another embedder, for example one that measures, limits or
	 * replaces the configured model.
	 * @param embedder the embedder to use instead
	 * @return the pipeline
	 */
	default VectorizerPipeline withEmbedder(Embedder embedder) {
		VectorizerPipeline text = this;
		return new VectorizerPipeline() {

			@Override
			public List<String> chunk(String chunkedText) {
				return text.chunk(chunkedText);
			}

			@Override
			public String format(String chunk, Map<String, Object> row) {
				return text.format(chunk, row);
			}

			@Override
			public Embedder embedder() {
				return embedder;
			}

		};
	}

}
