package io.github.pgaispring.embedding;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link OnnxEmbedder} with the real in-process models (kept to a handful of texts: CPU is shared).
 */
class OnnxEmbedderTests {

	private static final String CAT = "The cat sleeps on the warm windowsill in the afternoon sun.";

	private static final String TAX = "Quarterly VAT returns must be filed with the tax office before the deadline.";

	private static final String DOG = "A dog chases the ball across the park.";

	private static OnnxScheduler scheduler;

	@BeforeAll
	static void startScheduler() {
		scheduler = new OnnxScheduler(2);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void embedsNormalisedDeterministicVectors(OnnxModel model) {
		OnnxEmbedder embedder = new OnnxEmbedder(model, scheduler);

		List<float[]> vectors = embedder.embedDocuments(List.of(CAT, TAX, DOG));

		assertThat(embedder.dimensions()).isEqualTo(384);
		assertThat(vectors).hasSize(3).allSatisfy((vector) -> {
			assertThat(vector).hasSize(384);
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
		});
		assertThat(new OnnxEmbedder(model, scheduler).embedDocuments(List.of(TAX)).get(0))
			.containsExactly(vectors.get(1));
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void vectorsAreTheOnesLangChain4jsOwnModelClassComputes(OnnxModel model) throws Exception {
		String longText = "Cats sleep a lot and like warm places such as windowsills. ".repeat(60);
		List<String> texts = List.of(CAT, TAX, longText);
		EmbeddingModel langChain4j = (EmbeddingModel) Class.forName(model.className()).getConstructor().newInstance();

		List<float[]> ours = new OnnxEmbedder(model, scheduler).embedDocuments(texts);

		List<Embedding> theirs = langChain4j.embedAll(texts.stream().map(TextSegment::from).toList()).content();
		for (int i = 0; i < texts.size(); i++) {
			float[] expected = theirs.get(i).vector();
			assertThat(ours.get(i)).as("text " + i).containsExactly(expected, within(1e-5f));
		}
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void queryAboutCatsIsClosestToCatSentence(OnnxModel model) {
		OnnxEmbedder embedder = new OnnxEmbedder(model, scheduler);
		List<float[]> documents = embedder.embedDocuments(List.of(CAT, TAX));

		float[] query = embedder.embedQuery("Where does my kitten like to nap?");

		assertThat(cosine(query, documents.get(0))).isGreaterThan(cosine(query, documents.get(1)) + 0.1);
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void queryPrefixIsAppliedOnlyWhereTheModelRecommendsOne(OnnxModel model) {
		OnnxEmbedder embedder = new OnnxEmbedder(model, scheduler);

		float[] asQuery = embedder.embedQuery(CAT);
		float[] asDocument = embedder.embedDocuments(List.of(CAT)).get(0);

		if (model.queryPrefix().isEmpty()) {
			assertThat(asQuery).containsExactly(asDocument);
		}
		else {
			assertThat(asQuery).isNotEqualTo(asDocument);
			assertThat(asQuery).containsExactly(embedder.embedDocuments(List.of(model.queryPrefix() + CAT)).get(0));
		}
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void textLongerThanTheModelWindowIsStillNormalised(OnnxModel model) {
		String longText = "Cats sleep a lot and like warm places such as windowsills. ".repeat(60);

		float[] vector = new OnnxEmbedder(model, scheduler).embedDocuments(List.of(longText)).get(0);

		assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
	}

	@ParameterizedTest
	@EnumSource(OnnxModel.class)
	void blankTextFailsClearly(OnnxModel model) {
		OnnxEmbedder embedder = new OnnxEmbedder(model, scheduler);

		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> embedder.embedDocuments(List.of(CAT, "  ")))
			.withMessageContaining("Input 1 is blank");
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot / (norm(a) * norm(b));
	}

}
