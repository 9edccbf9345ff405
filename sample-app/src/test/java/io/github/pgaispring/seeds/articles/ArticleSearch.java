package io.github.pgaispring.seeds.articles;

import java.util.List;

import org.springframework.data.domain.Limit;

/** Searches the article body chunks, stored in {@code search.article_body_chunks}. */
public interface ArticleSearch extends ArticleBodyEmbeddingRepository {

	List<ArticleBodyEmbedding> findNearestByCosine(String query, Limit limit);

}
