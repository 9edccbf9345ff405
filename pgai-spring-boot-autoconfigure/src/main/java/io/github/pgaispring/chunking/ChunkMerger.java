package io.github.pgaispring.chunking;

import java.util.List;

/**
 * LangChain's {@code TextSplitter._merge_splits}: greedily joins consecutive pieces into chunks of at most
 * {@code chunkSize} code points (a single longer piece becomes an over-size chunk of its own), starting
 * each new chunk with the trailing pieces of the previous one that fit into {@code chunkOverlap}. Chunks
 * are stripped of Python whitespace and dropped when nothing is left.
 */
final class ChunkMerger {

	private final int chunkSize;

	private final int chunkOverlap;

	ChunkMerger(int chunkSize, int chunkOverlap) {
		if (chunkOverlap > chunkSize) {
			throw new IllegalArgumentException("Got a larger chunk overlap (" + chunkOverlap + ") than chunk size ("
					+ chunkSize + "), should be smaller: set chunk_overlap to at most chunk_size");
		}
		if (chunkOverlap < 0) {
			throw new IllegalArgumentException(
					"chunk_overlap must not be negative, got " + chunkOverlap + ": use 0 for no overlap");
		}
		this.chunkSize = chunkSize;
		this.chunkOverlap = chunkOverlap;
	}

	int chunkSize() {
		return this.chunkSize;
	}

	/**
	 * Merges {@code pieces[from, to)} and appends the resulting chunks.
	 * @param pieces the pieces to merge
	 * @param from index of the first piece
	 * @param to index after the last piece
	 * @param separator text put between two pieces of a chunk
	 * @param chunks where the chunks go
	 */
	void merge(Pieces pieces, int from, int to, String separator, List<String> chunks) {
		int separatorLength = PythonText.length(separator);
		// The current chunk is always the window pieces[start, index).
		int start = from;
		int total = 0;
		for (int index = from; index < to; index++) {
			int length = pieces.length(index);
			if (start < index && total + length + separatorLength > this.chunkSize) {
				addJoined(pieces, start, index, separator, chunks);
				while (total > this.chunkOverlap || (start < index
						&& total + length + separatorLength > this.chunkSize && total > 0)) {
					total -= pieces.length(start) + ((index - start > 1) ? separatorLength : 0);
					start++;
				}
			}
			total += length + ((index > start) ? separatorLength : 0);
		}
		addJoined(pieces, start, to, separator, chunks);
	}

	private static void addJoined(Pieces pieces, int from, int to, String separator, List<String> chunks) {
		if (from == to) {
			return;
		}
		int capacity = separator.length() * (to - from - 1);
		for (int index = from; index < to; index++) {
			capacity += pieces.text(index).length();
		}
		StringBuilder joined = new StringBuilder(capacity);
		for (int index = from; index < to; index++) {
			if (index > from) {
				joined.append(separator);
			}
			joined.append(pieces.text(index));
		}
		String chunk = PythonText.strip(joined);
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
	}

}
