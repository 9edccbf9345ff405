package io.github.pgaispring.repository;

import io.github.pgaispring.observation.SearchObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * Adds the nearest-neighbour and hybrid query support to every Spring Data JPA repository factory before it creates its
 * repository, so that {@link EmbeddingStoreRepository} sub-interfaces need no configuration.
 * <p>
 * Spring Data JPA 4 lets a {@link JpaRepositoryFactoryBean} take a
 * {@link org.springframework.data.jpa.repository.support.JpaRepositoryFragmentsContributor}, but
 * {@code @EnableJpaRepositories} (used by Spring Boot) offers no attribute for it; this post-processor chains
 * the {@link EmbeddingStoreFragmentsContributor} after the configured one.
 */
final class EmbeddingStoreRepositoryPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<EmbedderResolver> embedderResolver;

	private final ObjectProvider<SearchDefaults> searchDefaults;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<SearchObservationConvention> observationConvention;

	/**
	 * Creates the post-processor.
	 * @param embedderResolver finds the embedders of text queries, if any bean is defined
	 * @param searchDefaults the application-wide search settings, if a bean is defined
	 * @param observationRegistry where the {@code pgai.search} observations go, if a bean is defined
	 * @param observationConvention their convention, if a bean is defined
	 */
	public EmbeddingStoreRepositoryPostProcessor(ObjectProvider<EmbedderResolver> embedderResolver,
			ObjectProvider<SearchDefaults> searchDefaults, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SearchObservationConvention> observationConvention) {
		this.embedderResolver = embedderResolver;
		this.searchDefaults = searchDefaults;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> factoryBean) {
			SearchDefaults defaults = this.searchDefaults.getIfAvailable(SearchDefaults::defaults);
			factoryBean.setRepositoryFragmentsContributor(factoryBean.getRepositoryFragmentsContributor()
				.andThen(new EmbeddingStoreFragmentsContributor(this.embedderResolver, defaults,
						this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
						this.observationConvention.getIfUnique())));
			factoryBean.addRepositoryFactoryCustomizer(
					(factory) -> factory.addRepositoryProxyPostProcessor(new SearchArgumentExceptions()));
		}
		return bean;
	}

}
