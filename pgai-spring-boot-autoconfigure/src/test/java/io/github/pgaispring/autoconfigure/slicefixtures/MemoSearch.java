package io.github.pgaispring.autoconfigure.slicefixtures;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;

/** Semantic search over the memos. */
public interface MemoSearch extends MemoBodyEmbeddingRepository {

	/**
	 * Finds the chunks nearest in meaning to a text.
	 * @param query the text
	 * @param limit how many chunks
	 * @return the chunks, nearest first
	 */
	SearchResults<MemoBodyEmbedding> findNearestByCosine(String query, Limit limit);

}
