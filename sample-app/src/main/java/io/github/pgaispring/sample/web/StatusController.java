package io.github.pgaispring.sample.web;

import io.github.pgaispring.sample.blog.EmbeddingStatus;
import io.github.pgaispring.sample.blog.EmbeddingStatusReader;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: whether every post is embedded, i.e. searchable in its current version. */
@RestController
class StatusController {

	private final EmbeddingStatusReader statusReader;

	StatusController(EmbeddingStatusReader statusReader) {
		this.statusReader = statusReader;
	}

	@GetMapping("/api/status")
	EmbeddingStatus status() {
		return this.statusReader.read();
	}

}
