package io.github.pgaispring.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.jpa.EmbeddingStoreJpaConfiguration;
import io.github.pgaispring.jpa.Vectorized;
import io.github.pgaispring.repository.EmbedderResolver;
import io.github.pgaispring.repository.EmbeddingStoreRepositoryConfiguration;
import io.github.pgaispring.repository.EmbeddingStoreTable;
import io.github.pgaispring.repository.EmbeddingStoreVectorizerVerifier;
import io.github.pgaispring.repository.SearchDefaults;
import io.github.pgaispring.repository.VectorizerEmbedderResolver;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerMigrations;
import io.github.pgaispring.worker.WorkerListener;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * The JPA side of the starter: keeps Hibernate's {@code ddl-auto} away from embedding stores, gives
 * {@link io.github.pgaispring.repository.EmbeddingStoreRepository} sub-interfaces their
 * {@code findNearestBy…} methods, embeds text queries with each store's vectorizer model, and checks at
 * startup that every {@link Vectorized @Vectorized} mapping agrees with a vectorizer.
 */
@AutoConfiguration(after = { PgaiVectorizersAutoConfiguration.class, PgaiWorkerAutoConfiguration.class },
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ EntityManagerFactory.class, Vectorized.class, org.hibernate.boot.Metadata.class })
@ConditionalOnBean(DataSource.class)
@Import(EmbeddingStoreJpaConfiguration.class)
@EnableConfigurationProperties(PgaiProperties.class)
public final class PgaiJpaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SearchDefaults pgaiSearchDefaults(PgaiProperties properties) {
		return properties.getSearch().toSearchDefaults();
	}

	/** The same catalog reader the worker's auto-configuration defines, for applications without it. */
	@Bean
	@ConditionalOnMissingBean
	VectorizerCatalog pgaiVectorizerCatalog(@PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources) {
		return new VectorizerCatalog(PgaiDataSources.pick(pgaiDataSource, dataSources));
	}

	@Bean
	@ConditionalOnMissingBean(EmbedderResolver.class)
	@ConditionalOnBean(EmbedderFactory.class)
	VectorizerEmbedderResolver pgaiEmbedderResolver(VectorizerCatalog vectorizers, EmbedderFactory embedderFactory) {
		return new VectorizerEmbedderResolver(vectorizers, embedderFactory);
	}

	/**
	 * Tells the query embedders when this application's worker switched a vectorizer to a new definition, so that
	 * its searches embed with the new model at once (the search statements' guard would notice it too, at the cost
	 * of a search that returns nothing and runs again).
	 */
	@Bean
	@ConditionalOnBean(VectorizerEmbedderResolver.class)
	WorkerListener pgaiEmbedderResolverInvalidation(VectorizerEmbedderResolver resolver) {
		return new WorkerListener() {

			@Override
			public void caughtUp(Vectorizer vectorizer, long rows, long chunks, Duration elapsed) {
			}

			@Override
			public void migrationSwitched(String vectorizer) {
				resolver.invalidate();
			}

		};
	}

	@Bean
	@ConditionalOnBean(EntityManagerFactory.class)
	EmbeddingStoreVectorizerVerifier pgaiEmbeddingStoreVectorizerVerifier(EntityManagerFactory entityManagerFactory,
			VectorizerCatalog vectorizers, @PgaiDataSource ObjectProvider<DataSource> pgaiDataSource,
			ObjectProvider<DataSource> dataSources) {
		return new EmbeddingStoreVectorizerVerifier(entityManagerFactory, vectorizers,
				new VectorizerMigrations(PgaiDataSources.pick(pgaiDataSource, dataSources)));
	}

	/** What the {@code @Vectorized} mappings declare, for the check of declared migrations. */
	@Bean
	@ConditionalOnBean(EntityManagerFactory.class)
	MappedStoreDimensions pgaiMappedStoreDimensions(EntityManagerFactory entityManagerFactory) {
		return (schema, table) -> EmbeddingStoreTable.all(entityManagerFactory)
			.stream()
			.filter((store) -> store.table().equals(table) && (store.schema() == null || store.schema().equals(schema)))
			.mapToInt(EmbeddingStoreTable::dimensions)
			.findFirst();
	}

	/** Nearest-neighbour query methods, where Spring Data JPA is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JpaRepositoryFactoryBean.class)
	@Import(EmbeddingStoreRepositoryConfiguration.class)
	static class RepositoryConfiguration {

	}

}
