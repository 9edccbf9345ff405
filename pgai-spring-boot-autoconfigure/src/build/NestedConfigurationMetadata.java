import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Build step (run by the exec plugin after compiling, with the single-file source launcher): adds the keys of
 * every {@code pgai.vectorizers.<name>} entry to the module's configuration metadata.
 * <p>
 * Spring Boot's configuration processor stops at map values, so {@code pgai.vectorizers} is one opaque map
 * entry. For {@code @ConfigurationPropertiesSource} types it also writes the type's own metadata (names
 * relative to the type, descriptions from the Javadoc, defaults from {@code @DefaultValue}); this step copies
 * that metadata under {@code pgai.vectorizers.*.} into {@code META-INF/spring-configuration-metadata.json}.
 * It replaces what an earlier run added, so it can run on every build; hints written by hand
 * (additional-spring-configuration-metadata.json, merged by the processor) stay.
 * <p>
 * Arguments: the classes directory, the binding class, and the prefix of its entries.
 */
public class NestedConfigurationMetadata {

	private static final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	public static void main(String[] args) throws IOException {
		Path classes = Path.of(args[0]);
		String type = args[1];
		String prefix = args[2];
		Path metadataFile = classes.resolve("META-INF/spring-configuration-metadata.json");
		Path sourceFile = classes.resolve("META-INF/spring/configuration-metadata/" + type + ".json");
		ObjectNode metadata = (ObjectNode) json.readTree(metadataFile.toFile());
		JsonNode source = json.readTree(sourceFile.toFile());
		for (String section : List.of("groups", "properties", "hints")) {
			ArrayNode target = array(metadata, section);
			Set<String> added = new HashSet<>();
			source.path(section).forEach((item) -> added.add(prefix + item.path("name").asString()));
			added.add(prefix.substring(0, prefix.length() - 1));
			for (int i = target.size() - 1; i >= 0; i--) {
				if (added.contains(target.get(i).path("name").asString())) {
					target.remove(i);
				}
			}
			if (section.equals("groups")) {
				ObjectNode group = target.addObject();
				group.put("name", prefix.substring(0, prefix.length() - 1));
				group.put("type", type);
				group.put("sourceType", type);
			}
			for (JsonNode item : source.path(section)) {
				ObjectNode copy = ((ObjectNode) item).deepCopy();
				copy.put("name", prefix + item.path("name").asString());
				target.add(copy);
			}
		}
		json.writeValue(metadataFile.toFile(), metadata);
		System.out.println("Added the " + source.path("properties").size() + " keys of " + type + " under " + prefix
				+ " to " + metadataFile);
	}

	private static ArrayNode array(ObjectNode metadata, String name) {
		JsonNode node = metadata.get(name);
		return (node instanceof ArrayNode array) ? array : metadata.putArray(name);
	}

}
