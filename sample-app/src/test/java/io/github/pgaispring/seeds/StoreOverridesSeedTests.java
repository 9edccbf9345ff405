package io.github.pgaispring.seeds;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sample.EmbeddingQueues;
import io.github.pgaispring.seeds.articles.ArticleBodyEmbedding;
import io.github.pgaispring.seeds.articles.ArticleSearch;
import io.github.pgaispring.seeds.articles.ArticleSummaryEmbedding;
import io.github.pgaispring.seeds.articles.ArticleSummarySearch;
import io.github.pgaispring.seeds.articles.ArticlesApplication;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManager;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options of pgai's {@code vectorizer_relationship}: {@code target_schema}/{@code target_table} and
 * {@code parent_kwargs={"lazy": "joined"}}, as {@code @Vectorized} attributes of
 * {@link io.github.pgaispring.seeds.articles.Article}, with vectorizers declared in {@code articles.yml}.
 */
@PostgresTest
@SpringBootTest(classes = ArticlesApplication.class, properties = "spring.config.name=articles")
class StoreOverridesSeedTests {

	@Autowired
	ArticleSearch bodySearch;

	@Autowired
	ArticleSummarySearch summarySearch;

	@Autowired
	EntityManager entityManager;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void waitForTheArticlesToBeEmbedded(DataSource dataSource) {
		EmbeddingQueues.awaitEmpty(dataSource, Duration.ofSeconds(120));
	}

	/** {@code @Vectorized(targetSchema = "search", targetTable = "article_body_chunks")}. */
	@Test
	void storeInAnotherSchemaAndTable() {
		assertThat(this.jdbc.sql("select count(*) from search.article_body_chunks").query(Long.class).single())
			.isGreaterThanOrEqualTo(3);

		List<ArticleBodyEmbedding> nearest = this.bodySearch.findNearestByCosine("why does the ocean rise and fall twice a day",
				Limit.of(2));

		assertThat(nearest.get(0).getId()).isEqualTo(1L);
		assertThat(nearest.get(0).getChunk()).contains("two high and two low tides");
	}

	/**
	 * {@code @Vectorized(parentFetch = ParentFetch.JOINED)}: a search loads the chunks and their articles in
	 * one SQL statement, where the lazy default needs one more per article.
	 */
	@Test
	@Transactional
	void parentFetchedByJoin() {
		Statistics statistics = this.entityManager.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics();

		statistics.clear();
		List<ArticleSummaryEmbedding> summaries = this.summarySearch.findNearestByCosine("steeping tea", Limit.of(3));
		assertThat(summaries).hasSize(3)
			.allSatisfy((summary) -> assertThat(Hibernate.isInitialized(summary.getParent())).isTrue());
		assertThat(summaries.get(0).getParent().getTitle()).isEqualTo("Brewing green tea");
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);

		this.entityManager.clear();
		statistics.clear();
		List<ArticleBodyEmbedding> bodies = this.bodySearch.findNearestByCosine("steeping tea", Limit.of(3));
		assertThat(bodies).allSatisfy((body) -> assertThat(Hibernate.isInitialized(body.getParent())).isFalse());
		bodies.forEach((body) -> body.getParent().getTitle());
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1 + 3);
	}

}
