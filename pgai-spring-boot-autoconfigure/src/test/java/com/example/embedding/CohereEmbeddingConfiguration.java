package com.example.embedding;

import io.github.pgaispring.embedding.EmbeddingProvider;
import io.github.pgaispring.sql.EmbeddingCustomConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Serves vectorizers whose {@code config.embedding.implementation} is {@code cohere}, for the worker and the
 * repositories. The example of docs/providers.md, "Writing a provider".
 */
@Configuration(proxyBeanMethods = false)
public class CohereEmbeddingConfiguration {

	@Bean
	EmbeddingProvider<EmbeddingCustomConfig> cohereEmbeddingProvider(Environment environment) {
		return EmbeddingProvider.of("cohere", EmbeddingCustomConfig.class, (config) -> {
			Object baseUrl = config.options().getOrDefault("base_url", "https://api.cohere.com");
			RestClient client = RestClient.builder()
				.baseUrl(baseUrl.toString())
				.defaultHeader("Authorization", "Bearer " + environment.getRequiredProperty("COHERE_API_KEY"))
				.build();
			return new CohereEmbedder(client, config.model(), config.dimensions());
		});
	}

}
