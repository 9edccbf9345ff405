package io.github.pgaispring.worker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.sql.FormattingPythonTemplateConfig;
import io.github.pgaispring.sql.VectorizerConfig;

/**
 * A simple, deterministic pipeline for worker tests: paragraphs (split on blank lines) as chunks, a
 * {@code $name} template as formatting, and an embedder whose vectors are a function of the text.
 */
final class WorkerTestPipeline implements VectorizerPipeline {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\w+)");

	private final String template;

	private final TestEmbedder embedder;

	WorkerTestPipeline(VectorizerConfig config, TestEmbedder embedder) {
		this.template = (config.formatting() instanceof FormattingPythonTemplateConfig python
				&& python.template() != null) ? python.template() : "$chunk";
		this.embedder = embedder;
	}

	/** A factory whose pipelines all share the given embedder. */
	static PipelineFactory factory(TestEmbedder embedder) {
		return (config) -> new WorkerTestPipeline(config, embedder);
	}

	@Override
	public List<String> chunk(String text) {
		if (text.contains("BADCHUNK")) {
			throw new IllegalArgumentException("cannot split text containing BADCHUNK");
		}
		return Arrays.stream(text.split("\n\n")).map(String::strip).filter((chunk) -> !chunk.isEmpty()).toList();
	}

	@Override
	public String format(String chunk, Map<String, Object> row) {
		Matcher matcher = PLACEHOLDER.matcher(this.template);
		StringBuilder formatted = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!name.equals("chunk") && !row.containsKey(name)) {
				throw new IllegalArgumentException("KeyError: '" + name + "'");
			}
			Object value = name.equals("chunk") ? chunk : row.get(name);
			matcher.appendReplacement(formatted, Matcher.quoteReplacement(String.valueOf(value)));
		}
		matcher.appendTail(formatted);
		return formatted.toString();
	}

	@Override
	public Embedder embedder() {
		return this.embedder;
	}

	/**
	 * Vectors derived from the text: {@code [length, code point sum % 1000, word count, 1, 1, ...]}. Fails
	 * for texts matching the poison predicate, and can be slowed down.
	 */
	static final class TestEmbedder implements Embedder {

		private final int dimensions;

		private volatile Predicate<String> poison = (text) -> false;

		private volatile long delayMillis;

		private final AtomicInteger calls = new AtomicInteger();

		private final List<String> embedded = new CopyOnWriteArrayList<>();

		private final List<Integer> callSizes = new CopyOnWriteArrayList<>();

		TestEmbedder(int dimensions) {
			this.dimensions = dimensions;
		}

		/** Makes every call that includes a matching text fail. */
		TestEmbedder failingFor(Predicate<String> poison) {
			this.poison = poison;
			return this;
		}

		/** Makes every call take this long. */
		TestEmbedder delayedBy(long delayMillis) {
			this.delayMillis = delayMillis;
			return this;
		}

		static float[] vectorOf(String text, int dimensions) {
			float[] vector = new float[dimensions];
			Arrays.fill(vector, 1f);
			vector[0] = text.length();
			if (dimensions > 1) {
				vector[1] = text.codePoints().sum() % 1000;
			}
			if (dimensions > 2) {
				vector[2] = text.isBlank() ? 0 : text.strip().split("\\s+").length;
			}
			return vector;
		}

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			this.calls.incrementAndGet();
			this.callSizes.add(texts.size());
			if (this.delayMillis > 0) {
				try {
					Thread.sleep(this.delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
			for (String text : texts) {
				if (this.poison.test(text)) {
					throw new IllegalStateException("provider rejected input: " + text);
				}
			}
			this.embedded.addAll(texts);
			return texts.stream().map((text) -> vectorOf(text, this.dimensions)).toList();
		}

		@Override
		public int dimensions() {
			return this.dimensions;
		}

		int calls() {
			return this.calls.get();
		}

		/** The number of texts of every call, in call order. */
		List<Integer> callSizes() {
			return this.callSizes;
		}

		/** Every text embedded successfully, in call order. */
		List<String> embedded() {
			return this.embedded;
		}

	}

}
