package io.github.pgaispring.repository;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.pgaispring.jpa.EmbeddingStore;
import io.github.pgaispring.jpa.ParentFetch;
import io.github.pgaispring.observation.SearchObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityManager;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.jpa.repository.support.JpaEntityInformation;
import org.springframework.data.jpa.repository.support.JpaRepositoryFragmentsContributor;
import org.springframework.data.querydsl.EntityPathResolver;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryComposition.RepositoryFragments;

/**
 * Contributes a {@link NearestQueryFragment} to every {@link EmbeddingStoreRepository}, parsing its
 * nearest-neighbour and hybrid query methods when the repository is created so that a malformed one fails the startup.
 */
final class EmbeddingStoreFragmentsContributor implements JpaRepositoryFragmentsContributor {

	private final ObjectProvider<EmbedderResolver> embedderResolver;

	private final SearchDefaults defaults;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SearchObservationConvention observationConvention;

	EmbeddingStoreFragmentsContributor(ObjectProvider<EmbedderResolver> embedderResolver, SearchDefaults defaults,
			ObservationRegistry observationRegistry, @Nullable SearchObservationConvention observationConvention) {
		this.embedderResolver = embedderResolver;
		this.defaults = defaults;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	@Override
	public RepositoryFragments contribute(RepositoryMetadata metadata, JpaEntityInformation<?, ?> entityInformation,
			EntityManager entityManager, EntityPathResolver resolver) {
		Class<?> repositoryInterface = metadata.getRepositoryInterface();
		if (!EmbeddingStoreRepository.class.isAssignableFrom(repositoryInterface)) {
			return RepositoryFragments.empty();
		}
		Class<?> entityClass = metadata.getDomainType();
		EmbeddingStore annotation = entityClass.getAnnotation(EmbeddingStore.class);
		if (annotation == null) {
			throw new IllegalStateException(repositoryInterface.getName() + " extends EmbeddingStoreRepository, but "
					+ entityClass.getName() + " is no embedding store; use an entity generated for @Vectorized");
		}
		EmbeddingStoreTable store = EmbeddingStoreTable.of(entityClass, entityManager.getEntityManagerFactory());
		Map<Method, SearchExecution> executions = new LinkedHashMap<>();
		SearchSession session = new SearchSession(entityManager.getEntityManagerFactory());
		boolean fetchParent = annotation.parentFetch() == ParentFetch.JOINED;
		for (Method method : repositoryInterface.getMethods()) {
			if (NearestQueryMethod.isCandidate(method)) {
				NearestQueryMethod query = NearestQueryMethod.parse(method, repositoryInterface, entityClass,
						annotation.parent(), this.defaults);
				if (query.isTextQuery() && this.embedderResolver.getIfAvailable() == null) {
					throw NearestQueryMethod.invalid(repositoryInterface.getSimpleName() + "." + method.getName(),
							"it takes a text query, but there is no EmbedderResolver bean to embed it with");
				}
				SearchQuery search = new SearchQuery(query, store, entityInformation.getEntityName(),
						new QueryEmbedder(store, query.isTextQuery() ? this.embedderResolver.getIfAvailable() : null));
				SearchExecution execution = query.isHybrid() ? new HybridQueryExecution(search, fetchParent, session)
						: new NearestQueryExecution(search, fetchParent, session,
								entityManager.getEntityManagerFactory().getPersistenceUnitUtil());
				executions.put(method, ObservedSearchExecution.wrap(execution,
						(store.schema() != null) ? store.schema() + "." + store.table() : store.table(),
						repositoryInterface.getSimpleName() + "." + method.getName(), query::limit,
						this.observationRegistry, this.observationConvention));
			}
		}
		return executions.isEmpty() ? RepositoryFragments.empty()
				: RepositoryFragments.of(new NearestQueryFragment(repositoryInterface, executions));
	}

	@Override
	public RepositoryFragments describe(RepositoryMetadata metadata) {
		return RepositoryFragments.empty();
	}

}
