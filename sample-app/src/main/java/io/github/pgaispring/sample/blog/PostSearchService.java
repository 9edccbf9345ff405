package io.github.pgaispring.sample.blog;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.repository.HybridSearchResult;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SearchResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Search over the posts by meaning or by meaning and words, optionally limited to posts whose title contains a word. */
@Service
public class PostSearchService {

	private final BlogPostSearch search;

	PostSearchService(BlogPostSearch search) {
		this.search = search;
	}

	/**
	 * Finds the chunks nearest in meaning to a query: the first page of a vector search.
	 * @param query the search text
	 * @param titleFilter text the post title must contain (ignoring case), or {@code null} for all posts
	 * @param count how many chunks
	 * @return the hits, nearest first
	 */
	@Transactional(readOnly = true)
	public List<SearchHit> search(String query, String titleFilter, int count) {
		return search(query, titleFilter, SearchMode.VECTOR, 0, count);
	}

	/**
	 * Finds a page of the chunks that best match a query. Runs in a read-only transaction, so each chunk's
	 * lazily loaded post can give its title.
	 * @param query the search text
	 * @param titleFilter text the post title must contain (ignoring case), or {@code null} for all posts
	 * @param mode vector (meaning) or hybrid (meaning and words)
	 * @param page the page, from 0
	 * @param count how many chunks per page
	 * @return the hits, best first
	 * @throws io.github.pgaispring.repository.InvalidSearchArgumentException if the query cannot be searched
	 */
	@Transactional(readOnly = true)
	public List<SearchHit> search(String query, String titleFilter, SearchMode mode, int page, int count) {
		Pageable pageable = PageRequest.of(page, count);
		String title = StringUtils.hasText(titleFilter) ? titleFilter.strip() : null;
		if (mode == SearchMode.HYBRID) {
			List<HybridSearchResult<BlogPostContentEmbedding>> results = (title != null)
					? this.search.findHybridByCosineAndParentTitleContainingIgnoreCase(query, title, pageable)
					: this.search.findHybridByCosine(query, pageable);
			return results.stream()
				.map((result) -> hit(result.getContent(), result.getDistance(), result.getVectorRank(),
						result.getTextRank(), result.getScore().getValue()))
				.toList();
		}
		List<SearchResult<BlogPostContentEmbedding>> results = (title != null)
				? this.search.findNearestByCosineAndParentTitleContainingIgnoreCase(query, title, pageable)
				: this.search.findNearestByCosine(query, pageable);
		List<SearchHit> hits = new ArrayList<>(results.size());
		for (int i = 0; i < results.size(); i++) {
			SearchResult<BlogPostContentEmbedding> result = results.get(i);
			hits.add(hit(result.getContent(), result.getScore().getValue(), (int) pageable.getOffset() + i + 1, null,
					null));
		}
		return hits;
	}

	private static SearchHit hit(BlogPostContentEmbedding chunk, double distance, Integer vectorRank, Integer textRank,
			Double score) {
		return new SearchHit(chunk.getId(), chunk.getParent().getTitle(), chunk.getChunk(), distance, vectorRank,
				textRank, score);
	}

}
