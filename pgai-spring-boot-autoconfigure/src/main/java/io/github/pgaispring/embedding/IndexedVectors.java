package io.github.pgaispring.embedding;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Puts the vectors of a provider response into input order by the index each item carries (OpenAI's and Voyage's
 * {@code data[].index}, Spring AI's {@code Embedding.getIndex()}), since such APIs may answer in another order.
 */
final class IndexedVectors {

	private IndexedVectors() {
	}

	/**
	 * Orders the items of one response.
	 * @param <T> the item type
	 * @param items the response's items
	 * @param inputCount how many inputs the request had
	 * @param index the index of an item's input
	 * @param vector an item's vector, or {@code null} where the provider sent none
	 * @param provider the provider's display name, used in messages
	 * @param model the model, used in messages
	 * @return one vector per input, in input order ({@code null} where none came back)
	 * @throws EmbeddingException if an item's index is outside the request
	 */
	static <T> List<float @Nullable []> inInputOrder(Iterable<T> items, int inputCount, ToIntFunction<T> index,
			Function<T, float @Nullable []> vector, String provider, String model) {
		float[][] vectors = new float[inputCount][];
		for (T item : items) {
			int position = index.applyAsInt(item);
			if (position < 0 || position >= inputCount) {
				throw new EmbeddingException(provider + " returned an embedding with index " + position
						+ " for a request of " + inputCount + " inputs to model '" + model + "'");
			}
			vectors[position] = vector.apply(item);
		}
		return Arrays.asList(vectors);
	}

}
