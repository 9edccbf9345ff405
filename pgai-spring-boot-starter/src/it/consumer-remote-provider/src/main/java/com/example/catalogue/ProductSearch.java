package com.example.catalogue;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;

public interface ProductSearch extends ProductDescriptionEmbeddingRepository {

	SearchResults<ProductDescriptionEmbedding> findNearestByCosine(String query, Limit limit);

}
