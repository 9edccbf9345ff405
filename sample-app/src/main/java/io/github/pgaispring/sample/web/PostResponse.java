package io.github.pgaispring.sample.web;

import io.github.pgaispring.sample.blog.BlogPost;

/**
 * A post as the API returns it.
 *
 * @param id the post id
 * @param title the title
 * @param content the text
 */
public record PostResponse(long id, String title, String content) {

	static PostResponse of(BlogPost post) {
		return new PostResponse(post.getId(), post.getTitle(), post.getContent());
	}

}
