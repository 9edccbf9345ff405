package io.github.pgaispring.chunking;

import java.util.Arrays;

/**
 * The non-empty pieces a separator cut a text into, each with its length in code points, computed once.
 */
final class Pieces {

	private String[] texts = new String[16];

	private int[] lengths = new int[16];

	private int size;

	/** Appends a piece unless it is empty (LangChain drops empty pieces). */
	void add(String text) {
		if (text.isEmpty()) {
			return;
		}
		if (this.size == this.texts.length) {
			this.texts = Arrays.copyOf(this.texts, this.size * 2);
			this.lengths = Arrays.copyOf(this.lengths, this.size * 2);
		}
		this.texts[this.size] = text;
		this.lengths[this.size] = PythonText.length(text);
		this.size++;
	}

	int size() {
		return this.size;
	}

	String text(int index) {
		return this.texts[index];
	}

	int length(int index) {
		return this.lengths[index];
	}

}
