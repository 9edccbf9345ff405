package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names a {@link PgaiObservationDocumentation#WORKER_BATCH} observation and gives its key values. */
public interface BatchObservationConvention extends ObservationConvention<BatchObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof BatchObservationContext;
	}

}
