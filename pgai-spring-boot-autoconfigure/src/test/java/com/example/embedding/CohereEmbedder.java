package com.example.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.pgaispring.embedding.Embedder;

import org.springframework.web.client.RestClient;

/**
 * Embeds with Cohere's {@code /v2/embed} API: documents as {@code search_document}, queries as
 * {@code search_query}, at most 96 texts per request. The example of docs/providers.md, "Writing a provider".
 */
public class CohereEmbedder implements Embedder {

	private static final int MAX_TEXTS_PER_REQUEST = 96;

	private final RestClient client;

	private final String model;

	private final int dimensions;

	public CohereEmbedder(RestClient client, String model, int dimensions) {
		this.client = client;
		this.model = model;
		this.dimensions = dimensions;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += MAX_TEXTS_PER_REQUEST) {
			int to = Math.min(from + MAX_TEXTS_PER_REQUEST, texts.size());
			vectors.addAll(embed(texts.subList(from, to), "search_document"));
		}
		return vectors;
	}

	@Override
	public float[] embedQuery(String text) {
		return embed(List.of(text), "search_query").get(0);
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	private List<float[]> embed(List<String> texts, String inputType) {
		EmbedResponse response = this.client.post()
			.uri("/v2/embed")
			.body(Map.of("model", this.model, "texts", texts, "input_type", inputType, "embedding_types",
					List.of("float")))
			.retrieve()
			.body(EmbedResponse.class);
		return response.embeddings().get("float");
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmbedResponse(Map<String, List<float[]>> embeddings) {
	}

}
