package io.github.pgaispring.repository;

import java.util.List;

import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.repository.fixtures.BlogPostContentSearch;
import io.github.pgaispring.repository.fixtures.RepositoryFixturesApplication;
import io.github.pgaispring.repository.invalidfixtures.MisnamedSearchApplication;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Nearest-neighbour query methods are checked when their repository is created, so mistakes fail the
 * application's startup with the reason.
 */
@PostgresTest
class EmbeddingStoreRepositoryStartupTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("spring.sql.init.mode=never");

	@Test
	void misnamedMethodFailsTheStartup(FreshDatabase database) {
		this.runner.withUserConfiguration(MisnamedSearchApplication.class)
			.withPropertyValues(database.springPropertyValues())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("Invalid nearest-neighbour query method MisnamedSearch.findNearestByManhattan: "
						+ "the name must read"));
	}

	@Test
	void textQueryWithoutEmbedderResolverFailsTheStartup(FreshDatabase database) {
		this.runner.withUserConfiguration(RepositoryFixturesApplication.class)
			.withPropertyValues(database.springPropertyValues())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("Invalid nearest-neighbour query method BlogPostContentSearch.")
				.hasMessageEndingWith("it takes a text query, but there is no EmbedderResolver bean to embed it with"));
	}

	@Test
	void embedderOfOtherDimensionsIsRejected(FreshDatabase database) {
		Embedder fiveDimensions = new Embedder() {

			@Override
			public List<float[]> embedDocuments(List<String> texts) {
				return texts.stream().map((text) -> new float[5]).toList();
			}

			@Override
			public int dimensions() {
				return 5;
			}

		};
		this.runner.withUserConfiguration(RepositoryFixturesApplication.class)
			.withBean(EmbedderResolver.class, () -> EmbedderResolver.using(fiveDimensions))
			.withPropertyValues(database.springPropertyValues())
			.run((context) -> assertThatException()
				.isThrownBy(() -> context.getBean(BlogPostContentSearch.class).findNearestByCosine("cats", Limit.of(1)))
				.withMessage("The embedder resolved for embedding store blog_posts_embedding_store makes "
						+ "5-dimensional vectors, but the store holds 3"));
	}

}
