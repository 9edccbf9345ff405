package io.github.pgaispring.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits inputs into consecutive provider requests, greedily like pgai's {@code batch_indices}: a request is
 * closed when one more input would exceed the input limit or the token limit.
 */
final class RequestBatches {

	private RequestBatches() {
	}

	/**
	 * Splits texts into consecutive batches.
	 * @param texts the texts, in order
	 * @param maxInputs the most inputs one request may carry
	 * @param maxTokens the most (estimated) tokens one request may carry
	 * @param tokenCount the (estimated) token count of one text
	 * @return the batches, in order; together they hold every text once
	 * @throws EmbeddingException if a single text is over the token limit on its own
	 */
	static List<List<String>> split(List<String> texts, int maxInputs, long maxTokens,
			ToIntFunction<String> tokenCount) {
		List<List<String>> batches = new ArrayList<>();
		int start = 0;
		long tokens = 0;
		for (int i = 0; i < texts.size(); i++) {
			int textTokens = tokenCount.applyAsInt(texts.get(i));
			if (textTokens > maxTokens) {
				throw new EmbeddingException("Input " + i + " has about " + textTokens
						+ " tokens, more than the provider accepts in one request (" + maxTokens
						+ "); use a chunking configuration that produces smaller chunks");
			}
			if (i > start && (i - start >= maxInputs || tokens + textTokens > maxTokens)) {
				batches.add(texts.subList(start, i));
				start = i;
				tokens = 0;
			}
			tokens += textTokens;
		}
		if (start < texts.size()) {
			batches.add(texts.subList(start, texts.size()));
		}
		return batches;
	}

}
