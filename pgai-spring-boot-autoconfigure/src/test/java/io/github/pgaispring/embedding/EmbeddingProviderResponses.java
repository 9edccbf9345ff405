package io.github.pgaispring.embedding;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.pgaispring.embedding.EmbeddingTestServer.RecordedRequest;
import io.github.pgaispring.embedding.EmbeddingTestServer.Reply;

/**
 * Builds provider responses in the providers' real JSON formats. The vector for an input starts with the input's
 * length, so tests can check that vectors come back in input order.
 */
public final class EmbeddingProviderResponses {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private EmbeddingProviderResponses() {
	}

	/**
	 * An OpenAI {@code /embeddings} response, with the items in reverse order (the API identifies them by
	 * {@code index}).
	 */
	public static Reply openAi(RecordedRequest request, int dimensions) {
		List<String> inputs = request.inputs();
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("object", "list");
		ArrayNode data = response.putArray("data");
		for (int i = inputs.size() - 1; i >= 0; i--) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			item.set("embedding", vector(inputs.get(i), dimensions));
		}
		response.put("model", request.body().path("model").stringValue());
		ObjectNode usage = response.putObject("usage");
		usage.put("prompt_tokens", inputs.size());
		usage.put("total_tokens", inputs.size());
		return Reply.json(jsonMapper.writeValueAsString(response));
	}

	/** An Ollama {@code /api/embed} response. */
	public static Reply ollama(RecordedRequest request, int dimensions) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("model", request.body().path("model").stringValue());
		ArrayNode embeddings = response.putArray("embeddings");
		request.inputs().forEach((input) -> embeddings.add(vector(input, dimensions)));
		response.put("total_duration", 14143917);
		response.put("load_duration", 1019500);
		response.put("prompt_eval_count", request.inputs().size());
		return Reply.json(jsonMapper.writeValueAsString(response));
	}

	/** A Cohere {@code /v2/embed} response for {@code embedding_types: ["float"]}. */
	public static Reply cohere(RecordedRequest request, int dimensions) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("id", "5807ee2e-0cda-445a-9ec8-864c60a06606");
		ArrayNode floats = response.putObject("embeddings").putArray("float");
		ArrayNode texts = response.putArray("texts");
		request.body().path("texts").forEach((text) -> {
			floats.add(vector(text.stringValue(), dimensions));
			texts.add(text.stringValue());
		});
		ObjectNode meta = response.putObject("meta");
		meta.putObject("api_version").put("version", "2");
		meta.putObject("billed_units").put("input_tokens", texts.size());
		response.put("response_type", "embeddings_by_type");
		return Reply.json(jsonMapper.writeValueAsString(response));
	}

	/**
	 * A Voyage AI {@code /v1/embeddings} response (OpenAI's format, items in input order), with the vectors of the
	 * request's {@code output_dimension} if it has one.
	 */
	public static Reply voyage(RecordedRequest request, int defaultDimensions) {
		List<String> inputs = request.inputs();
		int dimensions = request.body().path("output_dimension").asInt(defaultDimensions);
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		response.put("object", "list");
		ArrayNode data = response.putArray("data");
		for (int i = 0; i < inputs.size(); i++) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.set("embedding", vector(inputs.get(i), dimensions));
			item.put("index", i);
		}
		response.put("model", request.body().path("model").stringValue());
		response.putObject("usage").put("total_tokens", inputs.stream().mapToInt(String::length).sum());
		return Reply.json(jsonMapper.writeValueAsString(response));
	}

	/** A Voyage AI error response, {@code {"detail": ...}}. */
	public static Reply voyageError(int status, String detail) {
		return Reply.status(status, jsonMapper.writeValueAsString(JsonNodeFactory.instance.objectNode().put("detail", detail)));
	}

	/** An OpenAI error response. */
	public static Reply openAiError(int status, String message, String type, String code) {
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		ObjectNode details = error.putObject("error");
		details.put("message", message);
		details.put("type", type);
		details.putNull("param");
		details.put("code", code);
		return Reply.status(status, jsonMapper.writeValueAsString(error));
	}

	private static ArrayNode vector(String input, int dimensions) {
		ArrayNode vector = JsonNodeFactory.instance.arrayNode();
		vector.add(input.length());
		for (int i = 1; i < dimensions; i++) {
			vector.add(0.001 * i);
		}
		return vector;
	}

}
