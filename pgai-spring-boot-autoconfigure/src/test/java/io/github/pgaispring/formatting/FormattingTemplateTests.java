package io.github.pgaispring.formatting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Behaviour of the formatters with examples of pgai's rendering (values as CPython prints them).
 */
class FormattingTemplateTests {

	@Test
	void chunkValueFormatterReturnsTheChunk() {
		assertThat(ChunkValueFormatter.INSTANCE.format(" a $chunk ", Map.of("title", "t"))).isEqualTo(" a $chunk ");
	}

	@Test
	void defaultTemplateIsTheChunk() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter(PythonTemplateFormatter.DEFAULT_TEMPLATE);
		assertThat(formatter.format("text", Map.of("id", 1))).isEqualTo("text");
		assertThat(formatter.placeholders()).containsExactly("chunk");
	}

	@Test
	void substitutesNamedAndBracedPlaceholdersAndEscapedDollars() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter("${title}s: $chunk costs $$5 ($title_2)");
		assertThat(formatter.placeholders()).containsExactly("title", "chunk", "title_2");
		assertThat(formatter.format("C", Map.of("title", "Post", "title_2", 2))).isEqualTo("Posts: C costs $5 (2)");
	}

	@Test
	void rendersValuesLikePythonStr() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter("$n|$b|$f|$e|$d|$u|$day|$ts|$l|$m|$bytes|$dur");
		Map<String, Object> row = new HashMap<>();
		row.put("n", null);
		row.put("b", false);
		row.put("f", 1.0);
		row.put("e", 0.00001);
		row.put("d", new BigDecimal("2.50"));
		row.put("u", UUID.fromString("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"));
		row.put("day", LocalDate.of(2024, 1, 2));
		row.put("ts", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(5)));
		row.put("l", Arrays.asList("it's", 1, null));
		Map<String, Object> dict = new LinkedHashMap<>();
		dict.put("k", List.of(true, 0.5));
		row.put("m", dict);
		row.put("bytes", new byte[] { 'h', 'i', 0 });
		row.put("dur", Duration.ofSeconds(-1));
		assertThat(formatter.format("c", row)).isEqualTo("None|False|1.0|1e-05|2.50|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
				+ "|2024-01-02|2024-01-01 22:04:05+00:00|[\"it's\", 1, None]|{'k': [True, 0.5]}|b'hi\\x00'|-1 day, 23:59:59");
	}

	@Test
	void invalidPlaceholderIsRejectedWhenTheFormatterIsCreated() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PythonTemplateFormatter("Title:\n$1 $chunk"))
			.withMessageStartingWith("Invalid placeholder in string: line 2, col 1 (formatting template")
			.withMessageContaining("write $$ for a literal $");
		assertThatIllegalArgumentException().isThrownBy(() -> new PythonTemplateFormatter("${chunk"))
			.withMessageStartingWith("Invalid placeholder in string: line 1, col 1");
	}

	@Test
	void missingColumnFailsWithTheColumnAndTheAvailableOnes() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter("$Title $chunk");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> formatter.format("c", Map.of("title", "t", "id", 1, "loading_retries", 0)))
			.withMessage("KeyError: 'Title': formatting template '$Title $chunk' uses $Title, but the row has no column"
					+ " of that name (columns: id, title); fix the template or add the column");
		assertThat(new PythonTemplateFormatter("$chunk ($loading_retries)").format("c", Map.of("loading_retries", 2)))
			.as("the queue's retry count is part of pgai's row")
			.isEqualTo("c (2)");
		assertThatIllegalArgumentException().isThrownBy(() -> formatter.validateColumns(List.of("title", "id")))
			.withMessageContaining("no column named 'Title' (columns: id, title)");
	}

	@Test
	void columnNamedChunkIsRejectedLikePythonsDuplicateKeywordArgument() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter("$chunk");
		assertThatIllegalArgumentException().isThrownBy(() -> formatter.format("c", Map.of("chunk", "x")))
			.withMessageContaining("column named 'chunk'")
			.withMessageContaining("rename the column");
		assertThatIllegalArgumentException().isThrownBy(() -> formatter.validateColumns(List.of("id", "chunk")))
			.withMessageContaining("column named 'chunk'");
	}

	@Test
	void validationAcceptsTemplatesWhoseColumnsExist() {
		PythonTemplateFormatter formatter = new PythonTemplateFormatter("$title $chunk");
		assertThatNoException().isThrownBy(() -> formatter.validateColumns(List.of("id", "title")));
	}

}
