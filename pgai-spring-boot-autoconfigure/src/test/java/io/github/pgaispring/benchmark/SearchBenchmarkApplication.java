package io.github.pgaispring.benchmark;

import java.util.function.Supplier;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.repository.EmbedderResolver;
import io.github.pgaispring.repository.EmbeddingStoreRepositoryConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.util.function.SingletonSupplier;

/**
 * The JPA application the search benchmark queries through: Hikari data source, Hibernate, Spring Data JPA
 * repositories of this package, and the starter's nearest-query support; text queries embedded by
 * {@code all-minilm-l6-v2}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = SearchDocument.class)
@EnableJpaRepositories(basePackageClasses = SearchDocument.class)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
@Import(EmbeddingStoreRepositoryConfiguration.class)
public class SearchBenchmarkApplication {

	/** Text queries are embedded by the in-process model, loaded when the first one is. */
	@Bean
	EmbedderResolver embedderResolver() {
		Supplier<Embedder> embedder = SingletonSupplier.of(() -> new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2,
				new OnnxScheduler(Runtime.getRuntime().availableProcessors())));
		return (store) -> embedder.get();
	}

}
