package io.github.pgaispring.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Checks the splitters and the Python regex port against outputs of the real LangChain and Python
 * implementations, stored in {@code langchain-golden.json}.
 * <p>
 * How the data was produced: {@code libs/text-splitters/langchain_text_splitters/base.py} (commit
 * {@code 04b1ea9f44570cf3d5b4dce4763842611bb277b2}) and {@code character.py} (commit
 * {@code 9273277fc45827308ad456337887a4bcdb9dc232}) of {@code langchain-ai/langchain}, 0.3.x-era versions
 * whose {@code TextSplitter}, {@code CharacterTextSplitter} and {@code RecursiveCharacterTextSplitter} behave
 * like the 0.3.8 release pgai locks (in particular they still join merged pieces with the raw regex text,
 * also for zero-width look-around separators; that was changed by langchain PR #31137 in May 2025, after
 * 0.3.8), were run outside this repository with CPython 3.11.7 ({@code langchain_core} stubbed). A seeded
 * generator built about 1,200 random texts (words, punctuation, sentences, paragraphs, CRLF, tabs, NBSP and
 * other Unicode spaces, U+0085, U+001C, U+200B, combining marks, CJK, astral emoji and letters) and split each
 * with pgai's arguments (character splitter: {@code keep_separator=False}; recursive: {@code "start"};
 * {@code length_function=len}, {@code strip_whitespace=True}) for chunk sizes 1 to 800, overlaps 0, 1, a
 * quarter, a half, equal to the size and random, and literal and regex separators ({@code \s+}, {@code [.!?]},
 * {@code (?<=\.)}, {@code \b}, {@code x*}, {@code (?m)^}, capturing groups, verbose mode and more). A case has
 * {@code expected} chunks, or {@code error} when LangChain raises; configurations with a pattern Python
 * cannot compile (LangChain raises as soon as a text reaches it) are expected to be rejected up front. The
 * {@code regexSplits} section holds {@code re.split} and {@code re.search} results of CPython for more
 * patterns and subjects, or the {@code re.error} a pattern raises.
 */
class ChunkingLangChainGoldenTests {

	private static final Map<String, Object> GOLDEN = load();

	@TestFactory
	Stream<DynamicTest> splittersMatchLangChain() {
		List<Map<String, Object>> cases = list(GOLDEN.get("splitterCases"));
		assertThat(cases).hasSizeGreaterThan(1000);
		return IntStream.range(0, cases.size()).mapToObj((index) -> {
			Map<String, Object> testCase = cases.get(index);
			String name = "#" + index + " " + testCase.get("splitter") + " " + testCase.get("separators") + " size "
					+ testCase.get("chunkSize") + " overlap " + testCase.get("chunkOverlap");
			return DynamicTest.dynamicTest(name, () -> assertSplitterCase(testCase));
		});
	}

	@TestFactory
	Stream<DynamicTest> regexSplitsMatchPython() {
		List<Map<String, Object>> splits = list(GOLDEN.get("regexSplits"));
		return IntStream.range(0, splits.size()).mapToObj((index) -> {
			Map<String, Object> split = splits.get(index);
			String name = "#" + index + " re.split(" + split.get("pattern") + ")";
			return DynamicTest.dynamicTest(name, () -> assertRegexSplit(split));
		});
	}

	private static void assertSplitterCase(Map<String, Object> testCase) {
		String text = (String) testCase.get("text");
		if (testCase.containsKey("error")) {
			assertThatIllegalArgumentException().isThrownBy(() -> splitter(testCase).split(text));
		}
		else {
			assertThat(splitter(testCase).split(text)).containsExactlyElementsOf(list(testCase.get("expected")));
		}
	}

	private static TextChunker splitter(Map<String, Object> testCase) {
		List<String> separators = list(testCase.get("separators"));
		int chunkSize = (Integer) testCase.get("chunkSize");
		int chunkOverlap = (Integer) testCase.get("chunkOverlap");
		boolean regex = (Boolean) testCase.get("regex");
		return "character".equals(testCase.get("splitter"))
				? new CharacterTextSplitter(separators.get(0), chunkSize, chunkOverlap, regex)
				: new RecursiveCharacterTextSplitter(separators, chunkSize, chunkOverlap, regex);
	}

	private static void assertRegexSplit(Map<String, Object> split) {
		String pattern = (String) split.get("pattern");
		String text = (String) split.get("text");
		if (split.containsKey("error")) {
			assertThatIllegalArgumentException().isThrownBy(() -> PythonRegex.compile(pattern));
			return;
		}
		PythonRegex regex = PythonRegex.compile(pattern);
		assertThat(regex.split(text)).containsExactlyElementsOf(list(split.get("expected")));
		assertThat(regex.search(text)).isEqualTo(split.get("search"));
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load() {
		try (InputStream json = ChunkingLangChainGoldenTests.class.getResourceAsStream("langchain-golden.json")) {
			return JsonMapper.builder().build().readValue(json, Map.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
