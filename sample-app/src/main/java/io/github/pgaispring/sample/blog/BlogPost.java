package io.github.pgaispring.sample.blog;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * A blog post. Its {@code content} is chunked and embedded by the {@code blog_posts_content} vectorizer;
 * the chunks are mapped as {@link BlogPostContentEmbedding}, an entity the starter generates from the
 * {@link Vectorized @Vectorized} field below.
 */
@Entity
@Table(name = "blog_posts")
public class BlogPost {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String title;

	@Column(nullable = false, columnDefinition = "text")
	private String content;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<BlogPostContentEmbedding> contentEmbeddings = new ArrayList<>();

	protected BlogPost() {
	}

	/**
	 * Creates a post.
	 * @param title the title
	 * @param content the text, which the vectorizer embeds
	 */
	public BlogPost(String title, String content) {
		this.title = title;
		this.content = content;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public String getContent() {
		return this.content;
	}

	/**
	 * The embedded chunks of this post, written by the vectorizer (read-only; lazily loaded).
	 * @return the chunks
	 */
	public List<BlogPostContentEmbedding> getContentEmbeddings() {
		return this.contentEmbeddings;
	}

	/**
	 * Replaces title and content. The vectorizer's trigger queues the post, and the worker re-embeds it.
	 * @param title the new title
	 * @param content the new text
	 */
	public void update(String title, String content) {
		this.title = title;
		this.content = content;
	}

}
