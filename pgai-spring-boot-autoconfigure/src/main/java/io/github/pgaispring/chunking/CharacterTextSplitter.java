package io.github.pgaispring.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * pgai's {@code ai.chunking_character_text_splitter}: LangChain's {@code CharacterTextSplitter} with pgai's
 * arguments, reproduced exactly. The text is cut at every occurrence of the separator (which is dropped;
 * an empty separator cuts between code points), and the pieces are merged back, joined by the separator,
 * into chunks of at most {@code chunkSize} code points that overlap by up to {@code chunkOverlap} code
 * points. A piece longer than {@code chunkSize} becomes an over-size chunk. Chunks are stripped of
 * whitespace (Python's {@code str.strip()}) and blank chunks are dropped.
 * <p>
 * With {@code separatorIsRegex} the separator is a Python regular expression (see
 * {@link #CharacterTextSplitter(String, int, int, boolean)}); like LangChain 0.3.8, merged pieces are then
 * joined by the pattern text itself, not by the text it matched.
 */
public final class CharacterTextSplitter implements TextChunker {

	private final String separator;

	private final Separator splitter;

	private final ChunkMerger merger;

	/**
	 * Creates a splitter.
	 * @param separator the separator (a Python {@code re} pattern if {@code separatorIsRegex})
	 * @param chunkSize the maximum chunk length in code points
	 * @param chunkOverlap the maximum overlap between consecutive chunks in code points
	 * @param separatorIsRegex whether the separator is a Python regular expression
	 * @throws IllegalArgumentException if {@code chunkOverlap > chunkSize} (LangChain's ValueError), if
	 * {@code chunkOverlap} is negative, or if the regular expression is invalid or unsupported
	 */
	public CharacterTextSplitter(String separator, int chunkSize, int chunkOverlap, boolean separatorIsRegex) {
		this.merger = new ChunkMerger(chunkSize, chunkOverlap);
		this.separator = separator;
		this.splitter = Separator.of(separator, separatorIsRegex, false);
	}

	/**
	 * A splitter with pgai's defaults: separator {@code "\n\n"}, chunk size 800, overlap 400, literal
	 * separator.
	 * @return the splitter
	 */
	public static CharacterTextSplitter withPgaiDefaults() {
		return new CharacterTextSplitter(PgaiChunkingDefaults.CHARACTER_SEPARATOR, PgaiChunkingDefaults.CHUNK_SIZE,
				PgaiChunkingDefaults.CHUNK_OVERLAP, false);
	}

	@Override
	public List<String> split(String text) {
		List<String> chunks = new ArrayList<>();
		if (text != null) {
			Pieces pieces = this.splitter.split(text);
			this.merger.merge(pieces, 0, pieces.size(), this.separator, chunks);
		}
		return chunks;
	}

}
