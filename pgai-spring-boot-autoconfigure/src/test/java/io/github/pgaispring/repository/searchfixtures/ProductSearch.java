package io.github.pgaispring.repository.searchfixtures;

import java.util.List;

import io.github.pgaispring.repository.EmbeddingStoreRepository;
import io.github.pgaispring.repository.HybridSearchResult;
import io.github.pgaispring.repository.HybridWeights;
import io.github.pgaispring.repository.IterativeScan;
import io.github.pgaispring.repository.SearchSettings;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

/** Searches of the product descriptions: filtered, paged and hybrid. */
public interface ProductSearch extends EmbeddingStoreRepository<ProductDescriptionEmbedding, Product> {

	List<ProductDescriptionEmbedding> findNearestByCosineAndParentCategory(float[] vector, String category,
			Limit limit);

	@SearchSettings(iterativeScan = IterativeScan.OFF)
	List<ProductDescriptionEmbedding> readNearestByCosineAndParentCategory(float[] vector, String category,
			Limit limit);

	@SearchSettings(efSearch = 200, iterativeScan = IterativeScan.STRICT_ORDER, maxScanTuples = 5000)
	List<ProductDescriptionEmbedding> searchNearestByCosineAndParentCategory(float[] vector, String category,
			Limit limit);

	List<SearchResult<ProductDescriptionEmbedding>> findNearestByCosine(float[] vector, Limit limit);

	Slice<SearchResult<ProductDescriptionEmbedding>> findNearestByCosine(float[] vector, Pageable pageable);

	Window<ProductDescriptionEmbedding> findTop7NearestByCosine(float[] vector, ScrollPosition position);

	List<Product> findNearestByCosineAndParentCategory(float[] vector, String category, Pageable pageable);

	List<ProductDescriptionEmbedding> findNearestByCosine(String text, Limit limit);

	List<HybridSearchResult<ProductDescriptionEmbedding>> findHybridByCosine(String text, Limit limit);

	Slice<HybridSearchResult<ProductDescriptionEmbedding>> findHybridByCosine(String text, Pageable pageable);

	List<HybridSearchResult<Product>> findHybridByCosineAndParentCategory(String text, String category, Limit limit,
			HybridWeights weights);

}
