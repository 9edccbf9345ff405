package io.github.pgaispring.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * pgai's {@code ai.chunking_recursive_character_text_splitter}: LangChain's
 * {@code RecursiveCharacterTextSplitter} with pgai's arguments, reproduced exactly.
 * <p>
 * The first separator that occurs in the text (an empty separator always does) cuts it into pieces, each
 * separator staying glued to the start of the piece that follows it. Pieces shorter than
 * {@code chunkSize} code points are merged (without separator, since it is kept in the pieces) into chunks
 * of at most {@code chunkSize} code points overlapping by up to {@code chunkOverlap}; a longer piece is
 * split again with the separators after the one used, or, when none is left, becomes a chunk as is
 * (not stripped). Merged chunks are stripped of whitespace (Python's {@code str.strip()}) and blank chunks
 * are dropped. So with the default separators a chunk that starts at a sentence boundary starts with the
 * {@code "."}, {@code "?"} or {@code "!"} of the previous sentence.
 */
public final class RecursiveCharacterTextSplitter implements TextChunker {

	private static final List<String> LANGCHAIN_DEFAULT_SEPARATORS = List.of("\n\n", "\n", " ", "");

	private final List<Separator> separators;

	private final ChunkMerger merger;

	/**
	 * Creates a splitter.
	 * @param separators the separators to try, in order (Python {@code re} patterns if
	 * {@code separatorIsRegex}); {@code null} or empty means LangChain's own default
	 * {@code ["\n\n", "\n", " ", ""]}, as in LangChain (not pgai's default list)
	 * @param chunkSize the maximum chunk length in code points
	 * @param chunkOverlap the maximum overlap between consecutive chunks in code points
	 * @param separatorIsRegex whether the separators are Python regular expressions
	 * @throws IllegalArgumentException if {@code chunkOverlap > chunkSize} (LangChain's ValueError), if
	 * {@code chunkOverlap} is negative, or if a regular expression is invalid or unsupported
	 */
	public RecursiveCharacterTextSplitter(List<String> separators, int chunkSize, int chunkOverlap,
			boolean separatorIsRegex) {
		this.merger = new ChunkMerger(chunkSize, chunkOverlap);
		List<String> effective = (separators == null || separators.isEmpty()) ? LANGCHAIN_DEFAULT_SEPARATORS
				: separators;
		this.separators = effective.stream().map((separator) -> Separator.of(separator, separatorIsRegex, true)).toList();
	}

	/**
	 * A splitter with pgai's defaults: separators {@code ["\n\n", "\n", ".", "?", "!", " ", ""]}, chunk size
	 * 800, overlap 400, literal separators.
	 * @return the splitter
	 */
	public static RecursiveCharacterTextSplitter withPgaiDefaults() {
		return new RecursiveCharacterTextSplitter(PgaiChunkingDefaults.RECURSIVE_SEPARATORS,
				PgaiChunkingDefaults.CHUNK_SIZE, PgaiChunkingDefaults.CHUNK_OVERLAP, false);
	}

	@Override
	public List<String> split(String text) {
		List<String> chunks = new ArrayList<>();
		if (text != null) {
			split(text, 0, chunks);
		}
		return chunks;
	}

	/** LangChain's {@code _split_text(text, separators[first:])}. */
	private void split(String text, int first, List<String> chunks) {
		int chosen = this.separators.size() - 1;
		int next = this.separators.size();
		for (int index = first; index < this.separators.size(); index++) {
			Separator separator = this.separators.get(index);
			if (separator.isEmpty()) {
				chosen = index;
				break;
			}
			if (separator.occursIn(text)) {
				chosen = index;
				next = index + 1;
				break;
			}
		}
		Pieces pieces = this.separators.get(chosen).split(text);
		int goodStart = -1;
		for (int index = 0; index < pieces.size(); index++) {
			if (pieces.length(index) < this.merger.chunkSize()) {
				if (goodStart < 0) {
					goodStart = index;
				}
				continue;
			}
			if (goodStart >= 0) {
				this.merger.merge(pieces, goodStart, index, "", chunks);
				goodStart = -1;
			}
			if (next == this.separators.size()) {
				chunks.add(pieces.text(index));
			}
			else {
				split(pieces.text(index), next, chunks);
			}
		}
		if (goodStart >= 0) {
			this.merger.merge(pieces, goodStart, pieces.size(), "", chunks);
		}
	}

}
