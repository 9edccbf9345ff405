package com.example.catalogue;

import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

@Entity
public class Product {

	@Id
	private Long id;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<ProductDescriptionEmbedding> descriptionEmbeddings;

}
