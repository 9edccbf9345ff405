package io.github.pgaispring.observation;

import io.github.pgaispring.observation.PgaiObservationDocumentation.BatchKeyNames;
import io.github.pgaispring.observation.PgaiObservationDocumentation.CommonKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The starter's {@link BatchObservationConvention}: {@code pgai.worker.batch}, contextual name
 * {@code pgai batch <vectorizer>}, tagged with the vectorizer and the batch status.
 */
public class DefaultBatchObservationConvention implements BatchObservationConvention {

	/** The shared instance. */
	public static final DefaultBatchObservationConvention INSTANCE = new DefaultBatchObservationConvention();

	@Override
	public String getName() {
		return "pgai.worker.batch";
	}

	@Override
	public String getContextualName(BatchObservationContext context) {
		return "pgai batch " + context.getVectorizer();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BatchObservationContext context) {
		return KeyValues.of(CommonKeyNames.VECTORIZER.withValue(context.getVectorizer()),
				BatchKeyNames.STATUS.withValue(context.getStatus()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BatchObservationContext context) {
		return KeyValues.of(BatchKeyNames.ROWS.withValue(Integer.toString(context.getRows())),
				BatchKeyNames.CHUNKS.withValue(Integer.toString(context.getChunks())),
				BatchKeyNames.FAILED_ROWS.withValue(Integer.toString(context.getFailedRows())));
	}

}
