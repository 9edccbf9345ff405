package io.github.pgaispring.repository.invalidfixtures;

import java.util.List;

import io.github.pgaispring.jpa.fixtures.BlogPost;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import io.github.pgaispring.repository.EmbeddingStoreRepository;

import org.springframework.data.domain.Limit;

/** A repository with a nearest query naming an unknown distance. */
public interface MisnamedSearch extends EmbeddingStoreRepository<BlogPostContentEmbedding, BlogPost> {

	List<BlogPostContentEmbedding> findNearestByManhattan(float[] vector, Limit limit);

}
