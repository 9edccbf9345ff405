package io.github.pgaispring.chunking;

import java.util.List;

/**
 * The chunker of pgai's {@code ai.chunking_none()}: the whole text is one chunk. Unlike the splitters,
 * it does not strip whitespace, so a whitespace-only text is a chunk of its own; only an empty text
 * yields no chunk.
 */
public final class NoChunking implements TextChunker {

	/** The shared instance (the class is stateless). */
	public static final NoChunking INSTANCE = new NoChunking();

	private NoChunking() {
	}

	@Override
	public List<String> split(String text) {
		return (text == null || text.isEmpty()) ? List.of() : List.of(text);
	}

	@Override
	public String toString() {
		return "NoChunking";
	}

}
