package io.github.pgaispring.autoconfigure.springaifixtures;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A vectorized entity whose vectorizer embeds with a Spring AI EmbeddingModel bean. */
@Entity
@Table(name = "articles")
public class Article {

	@Id
	private Long id;

	private String body;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<ArticleBodyEmbedding> bodyEmbeddings = new ArrayList<>();

	protected Article() {
	}

	public Long getId() {
		return this.id;
	}

	public String getBody() {
		return this.body;
	}

	public List<ArticleBodyEmbedding> getBodyEmbeddings() {
		return this.bodyEmbeddings;
	}

}
