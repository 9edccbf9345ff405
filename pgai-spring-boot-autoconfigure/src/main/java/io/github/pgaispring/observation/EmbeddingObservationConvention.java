package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names an {@link PgaiObservationDocumentation#EMBEDDING} observation and gives its key values. */
public interface EmbeddingObservationConvention extends ObservationConvention<EmbeddingObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingObservationContext;
	}

}
