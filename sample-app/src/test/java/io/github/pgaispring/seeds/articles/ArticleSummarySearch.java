package io.github.pgaispring.seeds.articles;

import java.util.List;

import org.springframework.data.domain.Limit;

/** Searches the article summary chunks, whose parent article is fetched by join. */
public interface ArticleSummarySearch extends ArticleSummaryEmbeddingRepository {

	List<ArticleSummaryEmbedding> findNearestByCosine(String query, Limit limit);

}
