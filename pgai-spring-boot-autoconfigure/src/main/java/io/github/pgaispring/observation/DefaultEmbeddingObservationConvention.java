package io.github.pgaispring.observation;

import java.util.Locale;

import io.github.pgaispring.observation.PgaiObservationDocumentation.CommonKeyNames;
import io.github.pgaispring.observation.PgaiObservationDocumentation.EmbeddingKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The starter's {@link EmbeddingObservationConvention}: {@code pgai.embedding}, contextual name
 * {@code pgai embed <provider>}, tagged with the vectorizer, provider, model and input type.
 */
public class DefaultEmbeddingObservationConvention implements EmbeddingObservationConvention {

	/** The shared instance. */
	public static final DefaultEmbeddingObservationConvention INSTANCE = new DefaultEmbeddingObservationConvention();

	@Override
	public String getName() {
		return "pgai.embedding";
	}

	@Override
	public String getContextualName(EmbeddingObservationContext context) {
		return "pgai embed " + context.getProvider();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EmbeddingObservationContext context) {
		String vectorizer = context.getVectorizer();
		String model = context.getModel();
		return KeyValues.of(CommonKeyNames.VECTORIZER.withValue((vectorizer != null) ? vectorizer : "none"),
				EmbeddingKeyNames.PROVIDER.withValue(context.getProvider()),
				EmbeddingKeyNames.MODEL.withValue((model != null) ? model : "default"),
				EmbeddingKeyNames.INPUT_TYPE.withValue(context.getInputType().name().toLowerCase(Locale.ROOT)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EmbeddingObservationContext context) {
		return KeyValues.of(EmbeddingKeyNames.TEXTS.withValue(Integer.toString(context.getTexts())));
	}

}
