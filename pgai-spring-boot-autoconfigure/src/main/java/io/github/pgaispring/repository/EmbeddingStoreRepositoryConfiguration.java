package io.github.pgaispring.repository;

import io.github.pgaispring.observation.SearchObservationConvention;
import io.micrometer.observation.ObservationRegistry;

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
	 * @param observationRegistry where searches are observed, if anywhere
	 * @param observationConvention the convention of these observations, if not the default
	 * @return the post-processor
	 */
	@Bean
	static EmbeddingStoreRepositoryPostProcessor embeddingStoreRepositoryPostProcessor(
			ObjectProvider<EmbedderResolver> embedderResolver, ObjectProvider<SearchDefaults> searchDefaults,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SearchObservationConvention> observationConvention) {
		return new EmbeddingStoreRepositoryPostProcessor(embedderResolver, searchDefaults, observationRegistry,
				observationConvention);
	}

}
