package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.SpringAiEmbeddingProvider;

import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Spring AI bridge, when Spring AI is on the class path: vectorizers of implementation {@code spring_ai} (and
 * LiteLLM models of the providers Spring AI reaches) embed their rows and search queries with the application's
 * {@link EmbeddingModel} beans, their requests split by the application's {@link BatchingStrategy} bean, or else by
 * Spring AI's {@link TokenCountBatchingStrategy}. The beans are looked up when a vectorizer's embedder is built, so
 * this needs no ordering against Spring AI's own auto-configurations.
 */
@AutoConfiguration(after = PgaiWorkerAutoConfiguration.class)
@ConditionalOnClass({ EmbeddingModel.class, SpringAiEmbeddingProvider.class, org.postgresql.Driver.class })
@ConditionalOnBean(DataSource.class)
public final class PgaiSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringAiEmbeddingProvider pgaiSpringAiEmbeddingProvider(ListableBeanFactory beanFactory,
			ObjectProvider<BatchingStrategy> batchingStrategy) {
		return new SpringAiEmbeddingProvider(beanFactory,
				() -> batchingStrategy.getIfUnique(TokenCountBatchingStrategy::new));
	}

}
