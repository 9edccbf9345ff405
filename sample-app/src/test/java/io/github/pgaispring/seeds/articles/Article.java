package io.github.pgaispring.seeds.articles;

import java.util.List;

import io.github.pgaispring.jpa.ParentFetch;
import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * An entity with two vectorized columns, each showing one option of pgai's {@code vectorizer_relationship}.
 */
@Entity
@Table(name = "articles", schema = "content")
public class Article {

	@Id
	private Long id;

	private String title;

	@Column(columnDefinition = "text")
	private String body;

	@Column(columnDefinition = "text")
	private String summary;

	/**
	 * pgai: {@code vectorizer_relationship(dimensions=384, target_schema="search",
	 * target_table="article_body_chunks")}. The store lives in another schema and table than the default
	 * {@code content.articles_embedding_store}.
	 */
	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384, targetSchema = "search", targetTable = "article_body_chunks")
	private List<ArticleBodyEmbedding> bodyEmbeddings;

	/**
	 * pgai: {@code vectorizer_relationship(dimensions=384, parent_kwargs={"lazy": "joined"})}. Each chunk
	 * loads its article in the same statement. The store is the default {@code content.articles_embedding_store}.
	 */
	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384, parentFetch = ParentFetch.JOINED)
	private List<ArticleSummaryEmbedding> summaryEmbeddings;

	protected Article() {
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public String getBody() {
		return this.body;
	}

	public String getSummary() {
		return this.summary;
	}

	public List<ArticleBodyEmbedding> getBodyEmbeddings() {
		return this.bodyEmbeddings;
	}

	public List<ArticleSummaryEmbedding> getSummaryEmbeddings() {
		return this.summaryEmbeddings;
	}

}
