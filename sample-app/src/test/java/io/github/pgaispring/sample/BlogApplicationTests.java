package io.github.pgaispring.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.progress.VectorizerAwaiter;
import io.github.pgaispring.sample.blog.SamplePostsSeeder;
import io.github.pgaispring.sample.blog.SearchHit;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.MapAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user sees it, over HTTP, against a fresh database with the real in-process embedding
 * model: one application start, one seeding.
 */
@PostgresTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BlogApplicationTests {

	private static final Duration INITIAL_EMBEDDING = Duration.ofSeconds(120);

	private static final Duration NEW_POST_EMBEDDING = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SamplePostsSeeder seeder;

	@Autowired
	VectorizerAwaiter awaiter;

	RestClient http;

	@BeforeEach
	void waitForTheSamplePostsToBeEmbedded() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		this.awaiter.awaitEmbedded(INITIAL_EMBEDDING);
	}

	@Test
	void healthIsUpWithThePgaiComponentAndUsesTheTestDatabase(FreshDatabase database) {
		Map<String, Object> health = this.http.get().uri("/actuator/health").retrieve().body(MAP);
		assertThat(health).containsEntry("status", "UP");
		assertThat(health).extractingByKey("components", MAP_ASSERT).extractingByKey("pgai", MAP_ASSERT)
			.containsEntry("status", "UP")
			.extractingByKey("details", MAP_ASSERT)
			.containsEntry("vectorizers", Map.of("blog_posts_content", Map.of("pending", 0, "failed", 0)));
		assertThat(this.jdbc.sql("select current_database()").query(String.class).single())
			.isEqualTo(database.name());
	}

	@Test
	void actuatorMetricsShowTheWorkersRowsAndTheModelsRunsPerWorkload() {
		search("cast iron pan");
		assertThat(metric("pgai.vectorizer.rows?tag=vectorizer:blog_posts_content")).isGreaterThanOrEqualTo(16);
		assertThat(metric("pgai.onnx.runs?tag=workload:documents")).as("every stored chunk was embedded")
			.isGreaterThanOrEqualTo(
					this.jdbc.sql("select count(*) from blog_posts_embedding_store").query(Long.class).single());
		assertThat(metric("pgai.onnx.runs?tag=workload:queries")).isPositive();
	}

	@Test
	void seedsTheSixteenSamplePostsOnlyIntoAnEmptyBlog() {
		List<Post> posts = List.of(this.http.get().uri("/api/posts").retrieve().body(Post[].class));
		assertThat(posts).hasSizeGreaterThanOrEqualTo(16)
			.extracting(Post::title)
			.contains("Getting started with sourdough bread", "Planets you can see without a telescope");
		assertThat(this.seeder.seed()).isZero();
		assertThat(this.jdbc.sql("select count(*) from blog_posts where id <= 16").query(Long.class).single())
			.isEqualTo(16);
	}

	@Test
	void embedsEverySamplePostInChunksPrefixedWithItsTitle() {
		Map<String, Object> pgai = this.http.get().uri("/actuator/pgai").retrieve().body(MAP);
		assertThat(pgai).containsEntry("catalogInstalled", true)
			.extractingByKey("vectorizers", MAP_ASSERT)
			.containsOnlyKeys("blog_posts_content")
			.extractingByKey("blog_posts_content", MAP_ASSERT)
			.containsEntry("source", "public.blog_posts")
			.containsEntry("store", "public.blog_posts_embedding_store")
			.containsEntry("embedding", Map.of("provider", "onnx", "model", "all-minilm-l6-v2", "dimensions", 384))
			.containsEntry("pending", 0)
			.containsEntry("failed", 0);
		assertThat(this.jdbc.sql("select count(*) from blog_posts_embedding_store").query(Long.class).single())
			.isGreaterThan(this.jdbc.sql("select count(*) from blog_posts").query(Long.class).single());
		assertThat(this.jdbc.sql("""
				select count(*) from blog_posts p where not exists
				  (select from blog_posts_embedding_store e where e.id = p.id and e.chunk like p.title || ' - %')""")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select max(length(chunk) - length(p.title) - 3) from blog_posts_embedding_store e "
				+ "join blog_posts p using (id)").query(Integer.class).single()).isLessThanOrEqualTo(600);
	}

	@Test
	void findsTheSourdoughPostForAQuestionAboutStarters() {
		List<SearchHit> hits = search("how do I keep my sourdough starter alive");
		assertThat(hits).hasSize(5);
		assertThat(hits.get(0).title()).isEqualTo("Getting started with sourdough bread");
		assertThat(hits).extracting(SearchHit::distance).isSorted();
	}

	@Test
	void findsTheNightSkyPostForAQuestionAboutPlanets() {
		List<SearchHit> hits = search("which planets are visible to the naked eye");
		assertThat(hits.get(0).title()).isEqualTo("Planets you can see without a telescope");
		assertThat(hits.get(0).chunk()).contains("Mercury, Venus, Mars, Jupiter and Saturn");
	}

	@Test
	void searchesOnlyPostsWhoseTitleContainsTheFilter() {
		List<SearchHit> hits = List.of(this.http.get()
			.uri("/api/posts/search?q={q}&k=3&title={title}", "how do I keep my sourdough starter alive", "PLANETS")
			.retrieve()
			.body(SearchHit[].class));
		assertThat(hits).isNotEmpty().allSatisfy((hit) -> assertThat(hit.title()).containsIgnoringCase("planets"));
	}

	@Test
	void aNewPostBecomesSearchableWithinSeconds() {
		ResponseEntity<Post> created = createPost("Caring for an axolotl",
				"Axolotls are salamanders that keep their gills for life. They regrow lost limbs, need cool water "
						+ "below 20 degrees and eat worms and small pellets.");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		URI location = created.getHeaders().getLocation();
		long id = created.getBody().id();
		assertThat(location).hasPath("/api/posts/" + id);
		assertThat(this.http.get().uri(location).retrieve().body(Post.class).title()).isEqualTo("Caring for an axolotl");
		this.awaiter.awaitEmbedded("blog_posts_content", id, NEW_POST_EMBEDDING);
		assertThat(search("which pet salamander can regrow its legs").get(0).postId()).isEqualTo(id);
		this.http.delete().uri(location).retrieve().toBodilessEntity();
	}

	@Test
	void updatingAPostReEmbedsItsNewContent() {
		long id = createPost("Draft", "Nothing here yet.").getBody().id();
		ResponseEntity<Post> updated = this.http.put()
			.uri("/api/posts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Tuning a ukulele", "content", "Standard ukulele tuning is G C E A, with the G "
					+ "string tuned higher than the C. Use a clip-on tuner and tune each string up to pitch."))
			.retrieve()
			.toEntity(Post.class);
		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(updated.getBody()).isEqualTo(new Post(id, "Tuning a ukulele", updated.getBody().content()));
		await().atMost(NEW_POST_EMBEDDING)
			.untilAsserted(() -> assertThat(chunksOf(id)).singleElement()
				.asString()
				.startsWith("Tuning a ukulele - Standard ukulele tuning"));
		this.http.delete().uri("/api/posts/{id}", id).retrieve().toBodilessEntity();
	}

	@Test
	void deletingAPostRemovesItsChunks() {
		long id = createPost("Repotting a cactus", "Wear thick gloves and wrap the cactus in folded newspaper before "
				+ "lifting it out of its old pot.").getBody().id();
		await().atMost(NEW_POST_EMBEDDING).until(() -> !chunksOf(id).isEmpty());
		assertThat(this.http.delete().uri("/api/posts/{id}", id).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(chunksOf(id)).isEmpty();
		assertThat(search("how do I handle a spiky cactus")).extracting(SearchHit::postId).doesNotContain(id);
		assertThat(this.http.get().uri("/api/posts/{id}", id).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void vectorModeRanksByMeaningAndPagesContinueTheRanking() {
		List<SearchHit> first = search("how do I keep my sourdough starter alive", "vector", 0);
		List<SearchHit> second = search("how do I keep my sourdough starter alive", "vector", 1);
		assertThat(first).extracting(SearchHit::vectorRank).containsExactly(1, 2, 3, 4, 5);
		assertThat(first).allSatisfy((hit) -> assertThat(hit.textRank()).isNull());
		assertThat(second).extracting(SearchHit::vectorRank).containsExactly(6, 7, 8, 9, 10);
		assertThat(second).extracting(SearchHit::chunk).doesNotContainAnyElementsOf(first.stream().map(SearchHit::chunk).toList());
		assertThat(second.get(0).distance()).isGreaterThanOrEqualTo(first.get(4).distance());
	}

	@Test
	void hybridModeFindsAnExactCodeThatMeaningAloneMisses() {
		long id = createPost("Winterising the garden tap", "Before the first frost, turn off the outdoor tap from "
				+ "inside and open it outside to drain the pipe. The frost-proof valve in our shed is batch 77410093, "
				+ "which the hardware shop can order again.").getBody().id();
		await().atMost(NEW_POST_EMBEDDING).until(() -> !chunksOf(id).isEmpty());
		List<SearchHit> hybrid = search("77410093", "hybrid", 0);
		assertThat(hybrid.get(0).postId()).isEqualTo(id);
		assertThat(hybrid.get(0).textRank()).isEqualTo(1);
		assertThat(hybrid.get(0).score()).isPositive();
		assertThat(hybrid).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		this.http.delete().uri("/api/posts/{id}", id).retrieve().toBodilessEntity();
	}

	@Test
	void rejectsUnknownModesAndQueriesTheRepositoryCannotSearch() {
		assertBadRequest("/api/posts/search?q=bread&mode=fuzzy", "mode must be one of vector, hybrid (was 'fuzzy')");
		assertBadRequest("/api/posts/search?q=bread&page=-1", "page must be between 0 and 49 (was -1)");
		ResponseEntity<Map> nul = this.http.get()
			.uri("/api/posts/search?q={q}&mode=hybrid", "bread\u0000crumbs")
			.retrieve()
			.toEntity(Map.class);
		assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(nul.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(nul.getBody()).containsEntry("detail",
				"The query text of findHybridByCosine must not contain the NUL character (\\u0000)");
	}

	@Test
	void rejectsANulCharacterInAPostWithAClearMessage() {
		ResponseEntity<Map> response = this.http.post()
			.uri("/api/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Nul\u0000title", "content", "fine"))
			.retrieve()
			.toEntity(Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("detail", "title must not contain the NUL character (\\u0000)");
	}

	@Test
	void rejectsBadSearchParametersWithAProblemNamingTheParameter() {
		assertBadRequest("/api/posts/search?q=bread&k=0", "k must be between 1 and 20 (was 0)");
		assertBadRequest("/api/posts/search?q=bread&k=21", "k must be between 1 and 20 (was 21)");
		assertBadRequest("/api/posts/search?q=bread&k=many", "k must be a whole number (was 'many')");
		assertBadRequest("/api/posts/search?q= ", "q must not be blank (was ' ')");
		assertBadRequest("/api/posts/search", "Required parameter 'q' is not present.");
	}

	@Test
	void rejectsPostsWithoutTitleOrContent() {
		ResponseEntity<Map> response = this.http.post()
			.uri("/api/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", " "))
			.retrieve()
			.toEntity(Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("detail", "content must not be blank; title must not be blank");
	}

	@Test
	void answersUnknownPostsWith404() {
		ResponseEntity<Map> response = this.http.get().uri("/api/posts/987654").retrieve().toEntity(Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).containsEntry("detail", "No post with id 987654");
	}

	@Test
	void servesTheSearchPage() {
		assertThat(this.http.get().uri("/").retrieve().body(String.class)).contains("<form id=\"search-form\">",
				"app.js");
		assertThat(this.http.get().uri("/").retrieve().body(String.class)).contains("name=\"mode\" value=\"hybrid\"");
		assertThat(this.http.get().uri("/app.js").retrieve().body(String.class)).contains("/api/posts/search", "mode: mode()",
				"/actuator/pgai");
	}

	/** The first measurement (a counter's or timer's count) of a meter at {@code /actuator/metrics}. */
	private double metric(String nameAndTags) {
		Map<String, Object> metric = this.http.get().uri("/actuator/metrics/" + nameAndTags).retrieve().body(MAP);
		List<?> measurements = (List<?>) metric.get("measurements");
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

	private List<SearchHit> search(String query) {
		return List.of(this.http.get().uri("/api/posts/search?q={q}", query).retrieve().body(SearchHit[].class));
	}

	private List<SearchHit> search(String query, String mode, int page) {
		return List.of(this.http.get()
			.uri("/api/posts/search?q={q}&mode={mode}&page={page}", query, mode, page)
			.retrieve()
			.body(SearchHit[].class));
	}

	private ResponseEntity<Post> createPost(String title, String content) {
		return this.http.post()
			.uri("/api/posts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", title, "content", content))
			.retrieve()
			.toEntity(Post.class);
	}

	private List<String> chunksOf(long postId) {
		return this.jdbc.sql("select chunk from blog_posts_embedding_store where id = ? order by chunk_seq")
			.param(postId)
			.query(String.class)
			.list();
	}

	private void assertBadRequest(String uri, String detail) {
		ResponseEntity<Map> response = this.http.get().uri(uri).retrieve().toEntity(Map.class);
		assertThat(response.getStatusCode()).as(uri).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).as(uri).startsWith(detail);
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final InstanceOfAssertFactory<Map, MapAssert<String, Object>> MAP_ASSERT = (InstanceOfAssertFactory) InstanceOfAssertFactories.MAP;

	/** A post as the API returns it. */
	record Post(long id, String title, String content) {

	}

}
