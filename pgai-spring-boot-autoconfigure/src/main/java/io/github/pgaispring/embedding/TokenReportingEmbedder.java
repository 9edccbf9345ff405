package io.github.pgaispring.embedding;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.pgaispring.sql.EmbeddingConfig;

/**
 * Passes the tokens a {@link TokenCounting} embedder's calls used to a {@link TokenUsageListener}, for one
 * vectorizer. Calls may run at once: each reports what the total grew by since the last report, so the sum is
 * exact.
 */
final class TokenReportingEmbedder implements Embedder, TokenCounting {

	private final Embedder embedder;

	private final TokenCounting counting;

	private final String vectorizer;

	private final EmbeddingConfig config;

	private final TokenUsageListener listener;

	private final AtomicLong reported = new AtomicLong();

	TokenReportingEmbedder(Embedder embedder, TokenCounting counting, String vectorizer, EmbeddingConfig config,
			TokenUsageListener listener) {
		this.embedder = embedder;
		this.counting = counting;
		this.vectorizer = vectorizer;
		this.config = config;
		this.listener = listener;
		this.reported.set(counting.tokensUsed());
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		try {
			return this.embedder.embedDocuments(texts);
		}
		finally {
			report();
		}
	}

	@Override
	public float[] embedQuery(String text) {
		try {
			return this.embedder.embedQuery(text);
		}
		finally {
			report();
		}
	}

	@Override
	public int dimensions() {
		return this.embedder.dimensions();
	}

	@Override
	public long tokensUsed() {
		return this.counting.tokensUsed();
	}

	private void report() {
		long total = this.counting.tokensUsed();
		long previous = this.reported.getAndAccumulate(total, Math::max);
		if (total > previous) {
			this.listener.tokensUsed(this.vectorizer, this.config, total - previous);
		}
	}

	@Override
	public String toString() {
		return this.embedder.toString();
	}

}
