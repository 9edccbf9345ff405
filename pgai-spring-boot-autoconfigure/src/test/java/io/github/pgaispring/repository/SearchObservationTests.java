package io.github.pgaispring.repository;

import java.util.List;

import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.embedding.EmbeddingProvider;
import io.github.pgaispring.embedding.TokenUsageListener;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import io.github.pgaispring.observation.SearchObservationContext;
import io.github.pgaispring.repository.fixtures.BlogPostContentSearch;
import io.github.pgaispring.repository.fixtures.KeywordTestEmbedder;
import io.github.pgaispring.repository.fixtures.RepositoryFixturesApplication;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.testsupport.PostgresTest;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Limit;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repository searches as {@code pgai.search} observations, with the embedding of a text query as a child
 * {@code pgai.embedding} observation, in the registry the application defines.
 */
@PostgresTest
@SpringBootTest(classes = { RepositoryFixturesApplication.class, SearchObservationTests.ObservedSearches.class },
		properties = { "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=" + RepositoryFixturesApplication.SCHEMA,
				"spring.sql.init.data-locations=" + RepositoryFixturesApplication.DATA })
class SearchObservationTests {

	@Autowired
	BlogPostContentSearch search;

	@Autowired
	TestObservationRegistry registry;

	@BeforeEach
	void clear() {
		this.registry.clear();
	}

	@Test
	void aTextSearchIsObservedWithItsStoreMethodAndResultsAndItsQueryEmbeddingAsChild() {
		List<String> chunks = this.search.findNearestByCosine("cats", Limit.of(2))
			.contentStream()
			.map(BlogPostContentEmbedding::getChunk)
			.toList();
		assertThat(chunks).containsExactly("Cats purr.", "Cats nap.");

		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("pgai.search", 1)
			.hasObservationWithNameEqualTo("pgai.search")
			.that()
			.hasContextualNameEqualTo("pgai search BlogPostContentSearch.findNearestByCosine")
			.hasLowCardinalityKeyValue("pgai.search.store", "blog_posts_embedding_store")
			.hasLowCardinalityKeyValue("pgai.search.method", "BlogPostContentSearch.findNearestByCosine")
			.hasHighCardinalityKeyValue("pgai.search.limit", "2")
			.hasHighCardinalityKeyValue("pgai.search.results", "2")
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(this.registry).hasObservationWithNameEqualTo("pgai.embedding")
			.that()
			.hasLowCardinalityKeyValue("pgai.embedding.provider", "keyword")
			.hasLowCardinalityKeyValue("pgai.embedding.model", "keywords-v1")
			.hasLowCardinalityKeyValue("pgai.embedding.input.type", "query")
			.hasLowCardinalityKeyValue("pgai.vectorizer", "none")
			.hasHighCardinalityKeyValue("pgai.embedding.texts", "1")
			.hasParentObservationContextMatching(SearchObservationContext.class::isInstance);
	}

	@Test
	void aVectorSearchWithoutLimitIsObservedWithoutEmbedding() {
		assertThat(this.search.readNearestByEuclidean(new float[] { 1, 0, 0 }, 0.5)).isNotEmpty();

		assertThat(this.registry).hasObservationWithNameEqualTo("pgai.search")
			.that()
			.hasLowCardinalityKeyValue("pgai.search.method", "BlogPostContentSearch.readNearestByEuclidean")
			.hasHighCardinalityKeyValue("pgai.search.limit", "none");
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("pgai.embedding", 0);
	}

	@Test
	void aFailingSearchIsObservedWithItsError() {
		assertThatThrownBy(() -> this.search.findNearestByCosine(new float[] { 1, 0 }, 3))
			.hasMessageContaining("has 2 dimensions");

		assertThat(this.registry).hasObservationWithNameEqualTo("pgai.search")
			.that()
			.hasHighCardinalityKeyValue("pgai.search.results", "0")
			.hasError();
	}

	/** An application's registry, and text queries embedded through an {@link EmbedderFactory} that uses it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ObservedSearches {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		EmbedderResolver embedderResolver(TestObservationRegistry registry) {
			EmbedderFactory factory = new EmbedderFactory(List.of(EmbeddingProvider.of("keyword",
					EmbeddingCustomConfig.class, (config) -> new KeywordTestEmbedder())), TokenUsageListener.NONE, registry, null);
			return EmbedderResolver.using(factory.create(EmbeddingCustomConfig.of("keyword", "keywords-v1", 3)));
		}

	}

}
