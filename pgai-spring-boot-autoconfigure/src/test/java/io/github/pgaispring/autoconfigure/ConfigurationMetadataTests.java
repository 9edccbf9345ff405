package io.github.pgaispring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs complete from ({@code META-INF/spring-configuration-metadata.json}, with the
 * {@code pgai.vectorizers.*.} keys the build adds) lists exactly the keys the binder accepts, describes each,
 * and gives the values of every enum; docs/properties.md shows the tables generated from it. Run with
 * {@code -Ddocs.update=true} to rewrite the tables in docs/properties.md.
 */
class ConfigurationMetadataTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path DOCS = Path.of("../docs/properties.md");

	private static final String VECTORIZER_PREFIX = "pgai.vectorizers.*.";

	private final JsonNode metadata = JsonMapper.shared().readTree(METADATA.toFile());

	@Test
	void listsEveryKeyTheBinderAccepts() {
		Set<String> bindable = PgaiPropertyKeys.all()
			.stream()
			.map((key) -> key.endsWith(".*") ? key.substring(0, key.length() - 2) : key)
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> listed = new TreeSet<>(properties().keySet());
		listed.remove("pgai.vectorizers");
		assertThat(listed).isEqualTo(bindable);
		assertThat(bindable).contains("pgai.vectorizers.*.formatting.template", "pgai.vectorizers.*.embedding.options",
				"pgai.worker.threads");
	}

	@Test
	void everyListedKeyBindsStrictly() {
		Map<String, Object> values = new LinkedHashMap<>();
		properties().forEach((name, property) -> {
			String key = name.replace("*", "sample_vectorizer");
			String type = property.path("type").asString();
			if (type.startsWith("java.util.Map<java.lang.String,java.lang.Object>")) {
				values.put(key + ".some_option", "value");
			}
			else if (!name.equals("pgai.vectorizers")) {
				values.put(key, sampleValue(type));
			}
		});
		PgaiProperties bound = new Binder(ConfigurationPropertySources.from(new MapPropertySource("metadata", values)))
			.bind("pgai", Bindable.ofInstance(new PgaiProperties()), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();
		assertThat(bound.getVectorizers().get("sample_vectorizer").formatting().template()).isEqualTo("sample");
		assertThat(bound.getVectorizers().get("sample_vectorizer").embedding().options()).containsEntry("some_option",
				"value");
	}

	@Test
	void describesEveryKeyAndGivesTheValuesOfEveryEnum() throws ClassNotFoundException {
		Map<String, List<String>> hints = hints();
		for (Map.Entry<String, JsonNode> property : properties().entrySet()) {
			assertThat(property.getValue().path("description").asString("")).as(property.getKey()).isNotBlank();
			Class<?> type = ClassUtils.forName(property.getValue().path("type").asString().replaceAll("<.*", ""), null);
			if (type.isEnum()) {
				assertThat(hints.get(property.getKey())).as("value hints of " + property.getKey())
					.containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants())
						.map((constant) -> PgaiPropertyKeys.valueName((Enum<?>) constant))
						.toList());
			}
		}
		assertThat(hints.get("pgai.vectorizers.*.embedding.model")).contains("all-minilm-l6-v2", "bge-small-en-v1.5",
				"text-embedding-3-small");
		assertThat(properties().get("pgai.vectorizers.*.formatting.template").path("defaultValue").asString())
			.isEqualTo("$chunk");
	}

	@Test
	void docsShowTheTablesGeneratedFromTheMetadata() throws IOException {
		String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
		String expected = replaceTable(replaceTable(docs, "general", generalTable()), "vectorizer", vectorizerTable());
		if (Boolean.getBoolean("docs.update")) {
			Files.writeString(DOCS, expected, StandardCharsets.UTF_8);
		}
		assertThat(docs).as("docs/properties.md tables (rerun with -Ddocs.update=true to regenerate them)")
			.isEqualTo(expected);
	}

	private String generalTable() {
		StringBuilder table = new StringBuilder("| key | default | description |\n|---|---|---|\n");
		properties().forEach((name, property) -> {
			if (!name.startsWith(VECTORIZER_PREFIX)) {
				table.append("| `").append(name).append("` | ").append(defaultOf(property)).append(" | ")
					.append(cell(property.path("description").asString(""))).append(" |\n");
			}
		});
		return table.toString();
	}

	private String vectorizerTable() {
		Map<String, List<String>> hints = hints();
		StringBuilder table = new StringBuilder(
				"| key (under `pgai.vectorizers.<name>.`) | default | values | description |\n|---|---|---|---|\n");
		properties().forEach((name, property) -> {
			if (name.startsWith(VECTORIZER_PREFIX)) {
				List<String> values = hints.getOrDefault(name, List.of());
				table.append("| `").append(name.substring(VECTORIZER_PREFIX.length())).append("` | ")
					.append(defaultOf(property)).append(" | ")
					.append(values.stream().map((value) -> "`" + value + "`").collect(Collectors.joining(", ")))
					.append(" | ").append(cell(property.path("description").asString(""))).append(" |\n");
			}
		});
		return table.toString();
	}

	private static String replaceTable(String docs, String name, String table) {
		String begin = "<!-- generated table: " + name + " -->\n";
		String end = "<!-- end of generated table -->";
		int start = docs.indexOf(begin);
		assertThat(start).as("docs/properties.md has the marker " + begin.trim()).isNotNegative();
		int stop = docs.indexOf(end, start);
		return docs.substring(0, start + begin.length()) + table + docs.substring(stop);
	}

	private static String defaultOf(JsonNode property) {
		JsonNode value = property.get("defaultValue");
		if (value == null || value.isNull()) {
			return "";
		}
		String text = value.isArray() ? StreamSupport.stream(value.spliterator(), false)
			.map(JsonNode::asString)
			.collect(Collectors.joining(", ")) : value.asString();
		return "`" + text + "`";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
	}

	/**
	 * The {@code pgai.*} properties by name, sorted by name (without the {@code management.endpoint.pgai.*} keys
	 * Boot's processor adds for the endpoint, which Boot binds).
	 */
	private Map<String, JsonNode> properties() {
		Map<String, JsonNode> properties = new TreeMap<>();
		this.metadata.path("properties").forEach((property) -> {
			String name = property.path("name").asString();
			if (name.startsWith("pgai.")) {
				properties.put(name, property);
			}
		});
		return properties;
	}

	private Map<String, List<String>> hints() {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		this.metadata.path("hints").forEach((hint) -> hints.put(hint.path("name").asString(),
				StreamSupport.stream(hint.path("values").spliterator(), false)
					.map((value) -> value.path("value").asString())
					.toList()));
		return hints;
	}

	private static Object sampleValue(String type) {
		return switch (type) {
			case "java.lang.Boolean" -> "true";
			case "java.lang.Integer" -> "7";
			case "java.lang.Double" -> "0.5";
			case "java.time.Duration" -> "5s";
			case "java.time.OffsetDateTime" -> "2025-01-01T00:00:00Z";
			case "java.util.List<java.lang.String>" -> "a,b";
			case "java.lang.String" -> "sample";
			default -> isEnum(type) ? enumValue(type) : "sample";
		};
	}

	private static boolean isEnum(String type) {
		try {
			return ClassUtils.forName(type, null).isEnum();
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static String enumValue(String type) {
		try {
			Object first = ClassUtils.forName(type, null).getEnumConstants()[0];
			return PgaiPropertyKeys.valueName((Enum<?>) first);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
