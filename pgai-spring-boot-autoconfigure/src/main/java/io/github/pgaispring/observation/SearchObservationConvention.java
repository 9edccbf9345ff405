package io.github.pgaispring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names a {@link PgaiObservationDocumentation#SEARCH} observation and gives its key values. */
public interface SearchObservationConvention extends ObservationConvention<SearchObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SearchObservationContext;
	}

}
