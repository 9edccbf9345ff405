package io.github.pgaispring.chunking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Behaviour of the splitters: pgai's golden vectors and the LangChain details that matter most, with
 * expected values taken from LangChain 0.3.x run under CPython.
 */
class ChunkingSplitterTests {

	private static final String[] WORDS = { "lorem", "ipsum", "dolor", "sit", "amet", "é😀", "日本", "x" };

	private static final String WITCHES = "if two witches watch two watches, which witch watches which watch?";

	@Test
	void characterSplitterMatchesPgaiGoldenVector() {
		assertThat(new CharacterTextSplitter(" ", 10, 0, false).split(WITCHES)).containsExactly("if two", "witches",
				"watch two", "watches,", "which", "witch", "watches", "which", "watch?");
	}

	@Test
	void recursiveSplitterMatchesPgaiGoldenVectorWithUnstrippedLeadingSpaces() {
		assertThat(new RecursiveCharacterTextSplitter(List.of(" ", ".", "?"), 2, 0, false).split(WITCHES))
			.containsExactly("if", " two", " witches", " watch", " two", " watches,", " which", " witch", " watches",
					" which", " watch", "?");
	}

	@Test
	void recursiveSplitterGluesSeparatorToTheStartOfTheNextChunk() {
		assertThat(new RecursiveCharacterTextSplitter(List.of("."), 2, 0, false).split("A. B")).containsExactly("A",
				". B");
		assertThat(RecursiveCharacterTextSplitter.withPgaiDefaults().split("x".repeat(790) + ". Next sentence."))
			.containsExactly("x".repeat(790), ". Next sentence.");
	}

	@Test
	void recursiveSplitterWithPgaiSeparatorsOverlapsAndFallsBackToCodePoints() {
		TextChunker splitter = new RecursiveCharacterTextSplitter(PgaiChunkingDefaults.RECURSIVE_SEPARATORS, 20, 5,
				false);
		assertThat(splitter.split(
				"First sentence here. Second one? Third!\n\nNew paragraph with a veryveryverylongword."))
			.containsExactly("First sentence here", ". Second one? Third!", "New paragraph with", "with a",
					"veryveryverylongwor", "ngword", ".");
	}

	@Test
	void lengthsCountCodePointsNotUtf16Units() {
		assertThat(new CharacterTextSplitter("", 3, 1, false).split("😀😁😂🤣😃")).containsExactly("😀😁😂", "😂🤣😃");
	}

	@Test
	void overlapKeepsTrailingPiecesOfThePreviousChunk() {
		assertThat(new CharacterTextSplitter(" ", 5, 3, false).split("a b c d e f g h")).containsExactly("a b c",
				"b c d", "c d e", "d e f", "e f g", "f g h");
	}

	@Test
	void chunksAreStrippedOfPythonWhitespaceOnly() {
		CharacterTextSplitter splitter = new CharacterTextSplitter(" ", 100, 0, false);
		assertThat(splitter.split("\u001C\u0085\u00A0\u2007word\u202F\u3000")).containsExactly("word");
		assertThat(splitter.split("\u200Bword\u200B")).containsExactly("\u200Bword\u200B");
		assertThat(splitter.split(" \t\n ")).isEmpty();
	}

	@Test
	void regexSeparatorIsDroppedButMergedPiecesAreJoinedWithThePatternTextAsInLangChain038() {
		assertThat(new CharacterTextSplitter("\\s+", 7, 0, true).split("one two  three\tfour")).containsExactly("one",
				"two", "three", "four");
		assertThat(new CharacterTextSplitter("(?<=\\.)", 100, 0, true).split("A. B. C."))
			.containsExactly("A.(?<=\\.) B.(?<=\\.) C.");
	}

	@Test
	void emptyAndNullTextsGiveNoChunks() {
		assertThat(CharacterTextSplitter.withPgaiDefaults().split("")).isEmpty();
		assertThat(CharacterTextSplitter.withPgaiDefaults().split(null)).isEmpty();
		assertThat(RecursiveCharacterTextSplitter.withPgaiDefaults().split(null)).isEmpty();
	}

	@Test
	void noChunkingKeepsTheWholeTextIncludingWhitespaceOnlyText() {
		assertThat(NoChunking.INSTANCE.split("  a b\n")).containsExactly("  a b\n");
		assertThat(NoChunking.INSTANCE.split(" \t ")).containsExactly(" \t ");
		assertThat(NoChunking.INSTANCE.split("")).isEmpty();
		assertThat(NoChunking.INSTANCE.split(null)).isEmpty();
	}

	@Test
	void pgaiDefaultsAreThoseOfTheSqlFunctions() {
		assertThat(PgaiChunkingDefaults.CHUNK_SIZE).isEqualTo(800);
		assertThat(PgaiChunkingDefaults.CHUNK_OVERLAP).isEqualTo(400);
		assertThat(PgaiChunkingDefaults.CHARACTER_SEPARATOR).isEqualTo("\n\n");
		assertThat(PgaiChunkingDefaults.RECURSIVE_SEPARATORS).containsExactly("\n\n", "\n", ".", "?", "!", " ", "");
		String text = paragraphs(new Random(1), 30);
		assertThat(CharacterTextSplitter.withPgaiDefaults().split(text))
			.isEqualTo(new CharacterTextSplitter("\n\n", 800, 400, false).split(text));
	}

	@Test
	void emptySeparatorListMeansLangChainsOwnDefault() {
		String text = "alpha beta.\ngamma delta";
		assertThat(new RecursiveCharacterTextSplitter(List.of(), 12, 0, false).split(text))
			.isEqualTo(new RecursiveCharacterTextSplitter(List.of("\n\n", "\n", " ", ""), 12, 0, false).split(text))
			.containsExactly("alpha beta.", "gamma delta");
	}

	@Test
	void overlapLargerThanSizeIsRejectedLikeLangChain() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CharacterTextSplitter("\n\n", 10, 11, false))
			.withMessageContaining("Got a larger chunk overlap (11) than chunk size (10), should be smaller");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecursiveCharacterTextSplitter(List.of(" "), 5, 6, false))
			.withMessageContaining("(6) than chunk size (5)");
	}

	@Test
	void negativeOverlapIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CharacterTextSplitter(" ", 10, -1, false))
			.withMessageContaining("chunk_overlap must not be negative");
	}

	@Test
	void invalidRegexSeparatorIsRejectedWithPythonsReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CharacterTextSplitter("[a-", 10, 0, true))
			.withMessageContaining("Invalid separator regex '[a-': unterminated character set");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecursiveCharacterTextSplitter(List.of("(?i)the", " "), 10, 0, true))
			.withMessageContaining("global flags not at the start");
		assertThatIllegalArgumentException().isThrownBy(() -> new CharacterTextSplitter("(a)(?(1)a|b)", 10, 0, true))
			.withMessageContaining("uses conditional groups (?(id)yes|no), which this Java port");
	}

	@Test
	void capturingGroupsThatBreakLangChainAreReported() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CharacterTextSplitter("(a)|(b)", 10, 0, true).split("xaybz"))
			.withMessageContaining("use non-capturing groups");
		assertThat(new CharacterTextSplitter("(,)", 3, 0, true).split("x,y")).containsExactly("x", ",", "y");
		assertThat(new CharacterTextSplitter("(,)", 20, 0, true).split("x,y")).containsExactly("x(,),(,)y");
	}

	@Test
	void splitsLargeCorporaInLinearTime() {
		Random random = new Random(7);
		List<String> documents = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			documents.add(paragraphs(random, 3));
		}
		String huge = "word ".repeat(400_000);
		TextChunker recursive = RecursiveCharacterTextSplitter.withPgaiDefaults();
		TextChunker character = new CharacterTextSplitter(" ", 800, 400, false);
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
			long chunks = 0;
			for (String document : documents) {
				chunks += recursive.split(document).size();
			}
			assertThat(chunks).isGreaterThanOrEqualTo(documents.size());
			List<String> hugeChunks = character.split(huge);
			assertThat(hugeChunks).hasSize(4999).allSatisfy((chunk) -> assertThat(chunk).hasSize(799));
			assertThat(recursive.split("x".repeat(1_000_000))).hasSize(2499).allSatisfy((chunk) -> assertThat(chunk).hasSize(800));
		});
	}

	private static String paragraphs(Random random, int count) {
		StringBuilder text = new StringBuilder();
		for (int p = 0; p < count; p++) {
			int words = 20 + random.nextInt(120);
			for (int w = 0; w < words; w++) {
				text.append(WORDS[random.nextInt(WORDS.length)]);
				text.append((random.nextInt(10) == 0) ? ". " : " ");
			}
			text.append("\n\n");
		}
		return text.toString();
	}

}
