package io.github.pgaispring.repository.searchfixtures;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A product with a category to filter on and a description embedded by {@code all-minilm-l6-v2}. */
@Entity
@Table(name = "products")
public class Product {

	@Id
	private Long id;

	private String category;

	private String description;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<ProductDescriptionEmbedding> descriptionEmbeddings = new ArrayList<>();

	protected Product() {
	}

	public Long getId() {
		return this.id;
	}

	public String getCategory() {
		return this.category;
	}

	public String getDescription() {
		return this.description;
	}

	public List<ProductDescriptionEmbedding> getDescriptionEmbeddings() {
		return this.descriptionEmbeddings;
	}

}
