package io.github.pgaispring.autoconfigure.springaifixtures;

import io.github.pgaispring.embedding.SpringAiOpenAiModels;

import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * An application with every auto-configuration and one Spring AI {@code EmbeddingModel} bean: Spring AI's real OpenAI
 * model, at the server {@code test.openai.base-url} names.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ArticleApplication {

	@Bean
	OpenAiEmbeddingModel openAiEmbeddingModel(Environment environment) {
		return SpringAiOpenAiModels.openAi(environment.getRequiredProperty("test.openai.base-url"),
				"text-embedding-3-small", "sk-spring-ai");
	}

}
