package io.github.pgaispring.sample.web;

import java.net.URI;
import java.util.List;

import io.github.pgaispring.sample.blog.BlogPost;
import io.github.pgaispring.sample.blog.BlogPostRepository;
import io.github.pgaispring.sample.blog.PostSearchService;
import io.github.pgaispring.sample.blog.SearchHit;
import io.github.pgaispring.sample.blog.SearchMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The posts and their semantic search, under {@code /api/posts}. */
@RestController
@RequestMapping("/api/posts")
class PostController {

	static final int MAX_RESULTS = 20;

	static final int MAX_PAGE = 49;

	private final BlogPostRepository posts;

	private final PostSearchService searchService;

	PostController(BlogPostRepository posts, PostSearchService searchService) {
		this.posts = posts;
		this.searchService = searchService;
	}

	@GetMapping
	List<PostResponse> list() {
		return this.posts.findAll(Sort.by("id")).stream().map(PostResponse::of).toList();
	}

	@GetMapping("/{id}")
	PostResponse get(@PathVariable long id) {
		return PostResponse.of(find(id));
	}

	@PostMapping
	ResponseEntity<PostResponse> create(@Valid @RequestBody PostRequest request) {
		BlogPost post = this.posts.save(new BlogPost(request.title(), request.content()));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(post.getId()).toUri();
		return ResponseEntity.created(location).body(PostResponse.of(post));
	}

	@PutMapping("/{id}")
	PostResponse update(@PathVariable long id, @Valid @RequestBody PostRequest request) {
		BlogPost post = find(id);
		post.update(request.title(), request.content());
		return PostResponse.of(this.posts.save(post));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.posts.delete(find(id));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Search: the chunks that best match {@code q}, by meaning ({@code mode=vector}) or by meaning and words
	 * ({@code mode=hybrid}), best first.
	 * @param q the search text
	 * @param k how many chunks per page (1 to {@value #MAX_RESULTS}, default 5)
	 * @param title optional text the post title must contain
	 * @param mode {@code vector} (default) or {@code hybrid}
	 * @param page the page of results, from 0 (at most {@value #MAX_PAGE})
	 * @return the hits
	 */
	@GetMapping("/search")
	List<SearchHit> search(@RequestParam @NotBlank @Size(max = 1000) String q,
			@RequestParam(defaultValue = "5") @Min(value = 1, message = "must be between 1 and " + MAX_RESULTS)
			@Max(value = MAX_RESULTS, message = "must be between 1 and " + MAX_RESULTS) int k,
			@RequestParam(required = false) @Size(max = 200) String title,
			@RequestParam(defaultValue = "vector") SearchMode mode,
			@RequestParam(defaultValue = "0") @Min(value = 0, message = "must be between 0 and " + MAX_PAGE)
			@Max(value = MAX_PAGE, message = "must be between 0 and " + MAX_PAGE) int page) {
		return this.searchService.search(q, title, mode, page, k);
	}

	private BlogPost find(long id) {
		return this.posts.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No post with id " + id));
	}

}
