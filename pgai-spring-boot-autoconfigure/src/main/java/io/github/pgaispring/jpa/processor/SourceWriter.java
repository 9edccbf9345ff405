package io.github.pgaispring.jpa.processor;

/**
 * Builds Java source text line by line, indenting with tabs.
 */
final class SourceWriter {

	private final StringBuilder source = new StringBuilder();

	private int indent;

	SourceWriter line(String text) {
		if (!text.isEmpty()) {
			this.source.append("\t".repeat(this.indent)).append(text);
		}
		this.source.append('\n');
		return this;
	}

	SourceWriter line() {
		return line("");
	}

	/** Writes the line, then indents the following lines. */
	SourceWriter open(String text) {
		line(text);
		this.indent++;
		return this;
	}

	/** Outdents, then writes the line. */
	SourceWriter close(String text) {
		this.indent--;
		return line(text);
	}

	static String quote(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	@Override
	public String toString() {
		return this.source.toString();
	}

}
