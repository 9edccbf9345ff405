package com.example.catalogue;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductSearchController {

	private final ProductSearch search;

	ProductSearchController(ProductSearch search) {
		this.search = search;
	}

	/** The names of the products whose descriptions are nearest in meaning to {@code q}, best first. */
	@GetMapping("/products/search")
	@Transactional(readOnly = true)
	List<String> search(@RequestParam String q, @RequestParam(defaultValue = "3") int k) {
		return this.search.findNearestByCosine(q, Limit.of(k))
			.stream()
			.map((result) -> result.getContent().getParent().getName())
			.toList();
	}

}
