package io.github.pgaispring.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Real English texts found on the machine: the sections of the installed manual pages
 * ({@code /usr/share/man/man*}), with the roff markup reduced to plain text. One document per
 * {@code .SH} section, titled {@code page(section): SECTION}.
 */
final class ManPageCorpus {

	private static final Pattern FONT_ESCAPE = Pattern.compile("\\\\f(\\(..|\\[[^]]*]|.)");

	private static final Pattern SPECIAL_CHARACTER = Pattern.compile("\\\\(\\(..|\\[[^]]*])");

	private static final Pattern OTHER_ESCAPE = Pattern.compile("\\\\[&|^%ce:]");

	/** One section of one manual page. */
	record Document(String title, String content) {
	}

	private ManPageCorpus() {
	}

	/**
	 * Loads up to {@code limit} sections of at least {@code minLength} characters, in a stable order.
	 * @param limit how many documents at most
	 * @param minLength shortest content kept
	 * @return the documents
	 */
	static List<Document> load(int limit, int minLength) {
		List<Document> documents = new ArrayList<>(limit);
		try (Stream<Path> files = Files.find(Path.of("/usr/share/man"), 2,
				(path, attributes) -> attributes.isRegularFile() && path.getParent().getFileName().toString().matches("man[0-9]")
						&& path.getFileName().toString().endsWith(".gz"))) {
			for (Path file : files.sorted().toList()) {
				for (Document document : sections(file)) {
					if (document.content().length() >= minLength) {
						documents.add(document);
						if (documents.size() == limit) {
							return documents;
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (documents.size() < limit) {
			throw new IllegalStateException("Only " + documents.size() + " manual page sections found under /usr/share/man"
					+ " (wanted " + limit + "); install more Debian packages with manual pages or lower the count");
		}
		return documents;
	}

	private static List<Document> sections(Path file) {
		String page = file.getFileName().toString().replaceFirst("\\.gz$", "");
		String text;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return List.of();
		}
		List<Document> sections = new ArrayList<>();
		String heading = null;
		StringBuilder content = new StringBuilder();
		for (String line : text.split("\n")) {
			if (line.startsWith(".so ")) {
				return List.of();
			}
			if (line.startsWith(".SH")) {
				add(sections, page, heading, content);
				heading = plain(unquote(line.substring(3).trim()));
				content.setLength(0);
			}
			else if (heading != null) {
				String plain = plainLine(line);
				if (plain != null) {
					content.append(plain).append(plain.isEmpty() ? "\n" : " ");
				}
			}
		}
		add(sections, page, heading, content);
		return sections;
	}

	private static void add(List<Document> sections, String page, String heading, StringBuilder content) {
		if (heading != null) {
			sections.add(new Document(page + ": " + heading, content.toString().replaceAll("[ \t]+", " ").trim()));
		}
	}

	/** A roff line as text, {@code ""} for a paragraph break, {@code null} for markup without text. */
	private static String plainLine(String line) {
		if (line.startsWith(".\\\"") || line.startsWith("'\\\"")) {
			return null;
		}
		if (line.startsWith(".") || line.startsWith("'")) {
			String[] parts = line.substring(1).trim().split("\\s+", 2);
			return switch (parts[0]) {
				case "PP", "LP", "P", "IP", "TP", "sp", "br" -> "";
				case "B", "I", "SM", "SB", "BR", "RB", "BI", "IB", "IR", "RI", "SS" ->
					(parts.length > 1) ? plain(unquote(parts[1])) : null;
				default -> null;
			};
		}
		return plain(line);
	}

	private static String unquote(String text) {
		return text.replace("\"", "");
	}

	private static String plain(String roff) {
		String text = FONT_ESCAPE.matcher(roff).replaceAll("");
		Matcher special = SPECIAL_CHARACTER.matcher(text);
		text = special.replaceAll((match) -> switch (match.group(1)) {
			case "(em", "[em]" -> "\u2014";
			case "(en", "[en]" -> "\u2013";
			case "(aq", "[aq]", "(cq", "[cq]", "(oq", "[oq]" -> "'";
			case "(dq", "[dq]", "(lq", "[lq]", "(rq", "[rq]" -> "\"";
			case "(bu", "[bu]" -> "*";
			default -> "";
		});
		text = text.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ");
		return OTHER_ESCAPE.matcher(text).replaceAll("");
	}

}
