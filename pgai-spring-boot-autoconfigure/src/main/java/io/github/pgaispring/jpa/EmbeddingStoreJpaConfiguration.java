package io.github.pgaispring.jpa;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring configuration of the JPA mapping of embedding stores: keeps {@code ddl-auto} away from their tables.
 * The starter's auto-configuration imports it.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddingStoreJpaConfiguration {

	/**
	 * Excludes the embedding store tables from Hibernate's schema tooling.
	 * @return the Hibernate properties customizer
	 */
	@Bean
	EmbeddingStoreSchemaExclusion embeddingStoreSchemaExclusion() {
		return new EmbeddingStoreSchemaExclusion();
	}

}
