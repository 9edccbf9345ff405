package io.github.pgaispring.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OnnxModel}.
 */
class OnnxModelTests {

	@Test
	void acceptsShortNamesAndHuggingFaceIdsIgnoringCase() {
		assertThat(OnnxModel.forName("all-minilm-l6-v2")).isEqualTo(OnnxModel.ALL_MINILM_L6_V2);
		assertThat(OnnxModel.forName("all-MiniLM-L6-v2")).isEqualTo(OnnxModel.ALL_MINILM_L6_V2);
		assertThat(OnnxModel.forName("sentence-transformers/all-MiniLM-L6-v2")).isEqualTo(OnnxModel.ALL_MINILM_L6_V2);
		assertThat(OnnxModel.forName("bge-small-en-v1.5")).isEqualTo(OnnxModel.BGE_SMALL_EN_V15);
		assertThat(OnnxModel.forName("BAAI/bge-small-en-v1.5")).isEqualTo(OnnxModel.BGE_SMALL_EN_V15);
	}

	@Test
	void unknownModelListsKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> OnnxModel.forName("nomic-embed-text"))
			.withMessageContaining("'nomic-embed-text'")
			.withMessageContaining("all-minilm-l6-v2")
			.withMessageContaining("bge-small-en-v1.5");
	}

	@Test
	void onlyBgeHasQueryPrefix() {
		assertThat(OnnxModel.ALL_MINILM_L6_V2.queryPrefix()).isEmpty();
		assertThat(OnnxModel.BGE_SMALL_EN_V15.queryPrefix())
			.isEqualTo("Represent this sentence for searching relevant passages: ");
	}

}
