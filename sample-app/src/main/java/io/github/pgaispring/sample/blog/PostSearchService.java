package io.github.pgaispring.sample.blog;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Semantic search over the posts, optionally limited to posts whose title contains a word. */
@Service
public class PostSearchService {

	private final BlogPostSearch search;

	PostSearchService(BlogPostSearch search) {
		this.search = search;
	}

	/**
	 * Finds the chunks nearest in meaning to a query. Runs in a read-only transaction, so each chunk's
	 * lazily loaded post can give its title.
	 * @param query the search text
	 * @param titleFilter text the post title must contain (ignoring case), or {@code null} for all posts
	 * @param count how many chunks to return
	 * @return the hits, nearest first
	 */
	@Transactional(readOnly = true)
	public List<SearchHit> search(String query, String titleFilter, int count) {
		SearchResults<BlogPostContentEmbedding> results = StringUtils.hasText(titleFilter)
				? this.search.findNearestByCosineAndParentTitleContainingIgnoreCase(query, titleFilter.strip(),
						Limit.of(count))
				: this.search.findNearestByCosine(query, Limit.of(count));
		return results.stream()
			.map((result) -> new SearchHit(result.getContent().getId(), result.getContent().getParent().getTitle(),
					result.getContent().getChunk(), result.getScore().getValue()))
			.toList();
	}

}
