package com.example.catalogue;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "products")
public class Product {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String description;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384) // generates ProductDescriptionEmbedding and ProductDescriptionEmbeddingRepository
	private List<ProductDescriptionEmbedding> descriptionEmbeddings = new ArrayList<>();

	protected Product() {
	}

	public Product(String name, String description) {
		this.name = name;
		this.description = description;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

}
