package io.github.pgaispring.autoconfigure.springaifixtures;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;

/** Text searches of the articles' embeddings. */
public interface ArticleSearch extends ArticleBodyEmbeddingRepository {

	SearchResults<ArticleBodyEmbedding> findNearestByCosine(String query, Limit limit);

}
