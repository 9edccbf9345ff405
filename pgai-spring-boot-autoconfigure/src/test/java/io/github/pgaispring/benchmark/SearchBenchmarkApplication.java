package io.github.pgaispring.benchmark;

import io.github.pgaispring.repository.EmbeddingStoreRepositoryConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The JPA application the search benchmark queries through: Hikari data source, Hibernate, Spring Data JPA
 * repositories of this package, and the starter's nearest-query support.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = SearchDocument.class)
@EnableJpaRepositories(basePackageClasses = SearchDocument.class)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
@Import(EmbeddingStoreRepositoryConfiguration.class)
public class SearchBenchmarkApplication {

}
