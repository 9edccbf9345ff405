package io.github.pgaispring.embedding;

import java.util.List;
import java.util.function.Supplier;

import io.github.pgaispring.observation.BatchObservationContext;
import io.github.pgaispring.observation.DefaultEmbeddingObservationConvention;
import io.github.pgaispring.observation.EmbeddingObservationContext;
import io.github.pgaispring.observation.EmbeddingObservationContext.InputType;
import io.github.pgaispring.observation.EmbeddingObservationConvention;
import io.github.pgaispring.observation.PgaiObservationDocumentation;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes every call of an {@link Embedder} a {@link PgaiObservationDocumentation#EMBEDDING} observation, tagged
 * with the vectorizer of the enclosing worker batch observation, if there is one.
 */
final class ObservedEmbedder implements Embedder {

	private final Embedder delegate;

	private final EmbeddingConfig config;

	private final ObservationRegistry registry;

	private final @Nullable EmbeddingObservationConvention convention;

	private ObservedEmbedder(Embedder delegate, EmbeddingConfig config, ObservationRegistry registry,
			@Nullable EmbeddingObservationConvention convention) {
		this.delegate = delegate;
		this.config = config;
		this.registry = registry;
		this.convention = convention;
	}

	/** The embedder, observed unless the registry is a no-op one. */
	static Embedder wrap(Embedder embedder, EmbeddingConfig config, ObservationRegistry registry,
			@Nullable EmbeddingObservationConvention convention) {
		return registry.isNoop() ? embedder : new ObservedEmbedder(embedder, config, registry, convention);
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		return observe(InputType.DOCUMENT, texts.size(), () -> this.delegate.embedDocuments(texts));
	}

	@Override
	public float[] embedQuery(String text) {
		return observe(InputType.QUERY, 1, () -> this.delegate.embedQuery(text));
	}

	@Override
	public int dimensions() {
		return this.delegate.dimensions();
	}

	private <T> T observe(InputType inputType, int texts, Supplier<T> call) {
		EmbeddingObservationContext context = new EmbeddingObservationContext(this.config.implementation(),
				this.config.model(), inputType, texts, enclosingVectorizer());
		return PgaiObservationDocumentation.EMBEDDING
			.observation(this.convention, DefaultEmbeddingObservationConvention.INSTANCE, () -> context, this.registry)
			.observe(call);
	}

	private @Nullable String enclosingVectorizer() {
		ObservationView current = this.registry.getCurrentObservation();
		while (current != null) {
			if (current.getContextView() instanceof BatchObservationContext batch) {
				return batch.getVectorizer();
			}
			current = current.getContextView().getParentObservation();
		}
		return null;
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
