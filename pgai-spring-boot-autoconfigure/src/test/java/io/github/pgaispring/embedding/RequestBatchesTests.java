package io.github.pgaispring.embedding;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RequestBatches}.
 */
class RequestBatchesTests {

	@Test
	void splitsAtInputLimit() {
		assertThat(RequestBatches.split(List.of("a", "b", "c", "d", "e"), 2, 1000, String::length))
			.containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
	}

	@Test
	void splitsWhenNextInputWouldExceedTokenLimit() {
		List<String> texts = List.of("aaaa", "bbbb", "cc", "dddddd", "e");
		assertThat(RequestBatches.split(texts, 100, 10, String::length))
			.containsExactly(List.of("aaaa", "bbbb", "cc"), List.of("dddddd", "e"));
	}

	@Test
	void inputOverTokenLimitOnItsOwnFails() {
		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> RequestBatches.split(List.of("ok", "much too long"), 100, 5, String::length))
			.withMessageContaining("Input 1")
			.withMessageContaining("smaller chunks");
	}

	@Test
	void noInputsMakeNoBatches() {
		assertThat(RequestBatches.split(List.of(), 10, 10, String::length)).isEmpty();
	}

}
