package io.github.pgaispring.benchmark;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * The source entity of the search benchmark; the annotation processor generates its embedding entity
 * {@code SearchDocumentEmbedding} (table {@code search_documents_embedding_store}) and repository.
 */
@Entity
@Table(name = "search_documents")
public class SearchDocument {

	@Id
	private Long id;

	private String title;

	private String content;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = ManPageTable.DIMENSIONS)
	private List<SearchDocumentEmbedding> embeddings = new ArrayList<>();

	protected SearchDocument() {
	}

	/** The id. */
	public Long getId() {
		return this.id;
	}

	/** The section title. */
	public String getTitle() {
		return this.title;
	}

	/** The section text. */
	public String getContent() {
		return this.content;
	}

	/** The chunks and their embeddings. */
	public List<SearchDocumentEmbedding> getEmbeddings() {
		return this.embeddings;
	}

}
