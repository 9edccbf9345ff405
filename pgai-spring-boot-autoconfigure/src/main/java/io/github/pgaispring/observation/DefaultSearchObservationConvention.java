package io.github.pgaispring.observation;

import io.github.pgaispring.observation.PgaiObservationDocumentation.SearchKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The starter's {@link SearchObservationConvention}: {@code pgai.search}, contextual name
 * {@code pgai search <Interface.method>}, tagged with the store and the method.
 */
public class DefaultSearchObservationConvention implements SearchObservationConvention {

	/** The shared instance. */
	public static final DefaultSearchObservationConvention INSTANCE = new DefaultSearchObservationConvention();

	@Override
	public String getName() {
		return "pgai.search";
	}

	@Override
	public String getContextualName(SearchObservationContext context) {
		return "pgai search " + context.getMethod();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SearchObservationContext context) {
		return KeyValues.of(SearchKeyNames.STORE.withValue(context.getStore()),
				SearchKeyNames.METHOD.withValue(context.getMethod()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SearchObservationContext context) {
		Integer limit = context.getLimit();
		return KeyValues.of(SearchKeyNames.LIMIT.withValue((limit != null) ? limit.toString() : "none"),
				SearchKeyNames.RESULTS.withValue(Integer.toString(context.getResults())));
	}

}
