package io.github.pgaispring.repository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enables the nearest-neighbour and hybrid query methods of {@link EmbeddingStoreRepository} sub-interfaces. Import it
 * (the starter's auto-configuration does) next to Spring Data JPA's repository configuration.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddingStoreRepositoryConfiguration {

	/**
	 * The post-processor that equips repository factories with the nearest-query fragment.
	 * @param embedderResolver the embedder resolver, if any
	 * @param searchDefaults the application-wide search settings, if any ({@link SearchDefaults#defaults()}
	 * otherwise)
	 * @return the post-processor
	 */
	@Bean
	static EmbeddingStoreRepositoryPostProcessor embeddingStoreRepositoryPostProcessor(
			ObjectProvider<EmbedderResolver> embedderResolver, ObjectProvider<SearchDefaults> searchDefaults) {
		return new EmbeddingStoreRepositoryPostProcessor(embedderResolver, searchDefaults);
	}

}
