package io.github.pgaispring.repository;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.jpa.fixtures.BlogPost;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.parser.PartTree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Parsing of nearest-neighbour query method names and signatures, and the HQL of their conditions.
 */
class NearestQueryMethodTests {

	@Test
	void candidatesAreRecognizedByTheirPrefix() {
		assertThat(NearestQueryMethod.isCandidate(method("findNearestByCosine"))).isTrue();
		assertThat(NearestQueryMethod.isCandidate(method("findTop3NearestByCosine"))).isTrue();
		assertThat(NearestQueryMethod.isCandidate(method("findNearestByManhattan"))).isTrue();
		assertThat(NearestQueryMethod.isCandidate(method("findByParentOrderByChunkSeqAsc"))).isFalse();
	}

	@Test
	void distanceKeywordsAndResultShapesAreRead() {
		NearestQueryMethod cosine = parse("findNearestByCosine");
		assertThat(cosine.distance()).isEqualTo(VectorDistance.COSINE);
		assertThat(cosine.isTextQuery()).isTrue();
		assertThat(cosine.returnsParents()).isFalse();
		assertThat(cosine.returnType().container()).isEqualTo(SearchReturnType.Container.SEARCH_RESULTS);
		assertThat(parse("findNearestByL2").distance()).isEqualTo(VectorDistance.EUCLIDEAN);
		assertThat(parse("findNearestByDotProduct").distance()).isEqualTo(VectorDistance.INNER_PRODUCT);
		NearestQueryMethod parents = parse("findNearestByTaxicab");
		assertThat(parents.distance()).isEqualTo(VectorDistance.TAXICAB);
		assertThat(parents.returnsParents()).isTrue();
		assertThat(parents.returnType().container()).isEqualTo(SearchReturnType.Container.LIST);
	}

	@Test
	void limitsComeFromTheNameOrAnArgument() {
		Object[] arguments = { new float[3] };
		assertThat(parse("findTop3NearestByCosine").limit(arguments)).isEqualTo(3);
		assertThat(parse("findFirstNearestByCosine").limit(arguments)).isEqualTo(1);
		assertThat(parse("findNearestByCosine").limit(new Object[] { "q", Limit.of(4) })).isEqualTo(4);
		assertThat(parse("findNearestByL2").limit(new Object[] { new float[3], 0.5 })).isNull();
	}

	@Test
	void pagesComeFromAPageableOrAScrollPosition() {
		SearchRequest page = parse("findNearestByCosineAndChunkSeq").request(new Object[] { new float[3], 1,
				PageRequest.of(2, 5) });
		assertThat(page).isEqualTo(new SearchRequest(10, 5, PageRequest.of(2, 5), null, true, true));
		assertThat(page.rows()).isEqualTo(16);
		NearestQueryMethod window = parse("findTop4NearestByL2");
		assertThat(window.request(new Object[] { new float[3], ScrollPosition.offset() }).offset()).isZero();
		assertThat(window.request(new Object[] { new float[3], ScrollPosition.offset(3) }).offset()).isEqualTo(4);
		assertThat(window.request(new Object[] { new float[3], ScrollPosition.offset(3) }).rows()).isEqualTo(9);
	}

	@Test
	void hybridMethodsTakeTextAndOptionalWeights() {
		NearestQueryMethod hybrid = parse("findHybridByCosine");
		assertThat(hybrid.isHybrid()).isTrue();
		assertThat(hybrid.returnType().element()).isEqualTo(SearchReturnType.Element.HYBRID_RESULT);
		assertThat(hybrid.weights(new Object[] { "q", Limit.of(2), HybridWeights.of(2, 0.5) }))
			.isEqualTo(new HybridWeights(2, 0.5));
		assertThat(parse("findHybridByCosineAndParentTitle").weights(new Object[] { "q", "t", 3 }))
			.isEqualTo(HybridWeights.EQUAL);
	}

	@Test
	void badSearchArgumentsAreIllegalArguments() {
		NearestQueryMethod method = parse("findNearestByCosine");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> method.request(new Object[] { "q", Limit.of(1001) }))
			.withMessage("findNearestByCosine may return at most 1000 results, offset included "
					+ "(pgai.search.max-results), but was asked for 1001");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> method.request(new Object[] { "q", Limit.unlimited() }))
			.withMessage("The Limit of findNearestByCosine must be limited, such as Limit.of(10)");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> parse("findNearestByDotProduct").request(new Object[] { List.of(1f), 0 }))
			.withMessage("The number of results of findNearestByDotProduct must be at least 1, not 0");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> parse("findNearestByCosineAndChunkSeq")
				.request(new Object[] { new float[3], 1, PageRequest.of(0, 5, Sort.by("chunk")) }))
			.withMessageStartingWith("Results of findNearestByCosineAndChunkSeq are ordered by distance; pass a "
					+ "Pageable without a Sort");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> SearchQuery.checkText(" \t", "findHybridByCosine"))
			.withMessage("The query text of findHybridByCosine must not be blank");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> SearchQuery.checkText("a\0b", "findHybridByCosine"))
			.withMessage("The query text of findHybridByCosine must not contain the NUL character (\\u0000)");
	}

	@Test
	void conditionArgumentsFollowTheQuery() {
		NearestQueryMethod method = parse("findNearestByCosineAndParentTitleAndChunkSeqBetween");
		Object[] arguments = { new float[3], "t", 1, 2, Limit.of(3) };
		assertThat(method.conditionArguments(arguments)).containsExactly("t", 1, 2);
		assertThat(method.limit(arguments)).isEqualTo(3);
	}

	@Test
	void conditionsRenderAsHqlOverEmbeddingAndParent() {
		PartTree tree = new PartTree(
				"findByParentTitleContainingIgnoreCaseAndChunkSeqGreaterThanOrChunkIsNullOrParentIdIn",
				BlogPostContentEmbedding.class);
		Map<String, Object> parameters = new LinkedHashMap<>();
		String hql = NearestQueryConditions.render(tree, new Object[] { "50%_off", 2, List.of(1L) }, parameters);
		assertThat(hql).isEqualTo("((lower(p.title) like lower(:c0) escape '\\' and e.chunkSeq > :c1) or "
				+ "(e.chunk is null) or (p.id in :c2))");
		assertThat(parameters).containsExactly(Map.entry("c0", "%50\\%\\_off%"), Map.entry("c1", 2),
				Map.entry("c2", List.of(1L)));
	}

	@Test
	void nullEqualityBecomesIsNull() {
		PartTree tree = new PartTree("findByChunkAndParentTitleNot", BlogPostContentEmbedding.class);
		Map<String, Object> parameters = new LinkedHashMap<>();
		assertThat(NearestQueryConditions.render(tree, new Object[] { null, null }, parameters))
			.isEqualTo("((e.chunk is null and p.title is not null))");
		assertThat(parameters).isEmpty();
	}

	@Test
	void invalidMethodsFailWithTheReason() {
		assertInvalid("findNearestByManhattan", "the name must read");
		assertInvalid("findNearestByCosineAndTitle", "the condition 'Title' does not parse");
		assertInvalid("findNearestByCosineAndChunkOrderByChunkSeq", "remove the OrderBy clause");
		assertInvalid("findNearestByCosineAndChunkIsEmpty", "the keyword IS_EMPTY is not supported");
		assertInvalid("findNearestByCosineAndChunkSeqIgnoreCase", "IgnoreCase needs a String property");
		assertInvalid("findNearestByL2", "the first parameter must be the query");
		assertInvalid("findNearestByEuclidean", "parameter 2 (Sort) is not supported");
		assertInvalid("findNearestByInnerProduct", "add a Limit or int parameter");
		assertInvalid("findTop2NearestByCosineAndChunk", "the number of results is given twice");
		assertInvalid("findNearestByL1", "TAXICAB distances have no normalized Similarity");
		assertInvalid("findNearestByCosineAndChunkSeq", "the results must be BlogPostContentEmbedding or BlogPost, not");
		assertInvalid("getNearestByCosine", "the return type must be");
		assertInvalid("readNearestByCosine", "there can be only one threshold");
		assertInvalid("findNearestByCosineAndChunk", "a search has no total number of results for a Page");
		assertInvalid("findNearestByCosineAndChunkSeqGreaterThan", "a Slice needs a Pageable parameter");
		assertInvalid("findNearestByCosineAndChunkSeqLessThan", "a ScrollPosition needs a Limit");
		assertInvalid("findHybridByCosine", "the first parameter of a hybrid search must be the query text");
		assertInvalid("findHybridByL2", "parameter 3 (double) is not supported");
		assertInvalid("findNearestByCosineAndChunkIsNull", "HybridSearchResult is for hybrid methods");
		assertInvalid("findTop2000NearestByCosine", "Top2000 asks for more than the 1000 results");
	}

	private static void assertInvalid(String name, String reason) {
		assertThatIllegalStateException().isThrownBy(() -> NearestQueryMethod.parse(method(name, Invalid.class),
				Invalid.class, BlogPostContentEmbedding.class, BlogPost.class))
			.withMessageStartingWith("Invalid nearest-neighbour query method Invalid." + name + ": ")
			.withMessageContaining(reason);
	}

	private static NearestQueryMethod parse(String name) {
		return NearestQueryMethod.parse(method(name), Valid.class, BlogPostContentEmbedding.class, BlogPost.class);
	}

	private static Method method(String name) {
		return method(name, Valid.class);
	}

	private static Method method(String name, Class<?> type) {
		return Arrays.stream(type.getMethods()).filter((method) -> method.getName().equals(name)).findFirst().orElseThrow();
	}

	interface Valid extends EmbeddingStoreRepository<BlogPostContentEmbedding, BlogPost> {

		SearchResults<BlogPostContentEmbedding> findNearestByCosine(String query, Limit limit);

		List<BlogPostContentEmbedding> findNearestByL2(float[] vector, double maxDistance);

		List<BlogPostContentEmbedding> findNearestByDotProduct(List<Float> vector, int count);

		List<BlogPost> findNearestByTaxicab(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findTop3NearestByCosine(float[] vector);

		List<BlogPostContentEmbedding> findFirstNearestByCosine(float[] vector);

		List<BlogPostContentEmbedding> findNearestByCosineAndParentTitleAndChunkSeqBetween(float[] vector, String title,
				int from, int to, Limit limit);

		List<BlogPostContentEmbedding> findNearestByManhattan(float[] vector, Limit limit);

		Slice<SearchResult<BlogPostContentEmbedding>> findNearestByCosineAndChunkSeq(float[] vector, int seq,
				Pageable pageable);

		Window<BlogPostContentEmbedding> findTop4NearestByL2(float[] vector, ScrollPosition position);

		List<HybridSearchResult<BlogPostContentEmbedding>> findHybridByCosine(String text, Limit limit,
				HybridWeights weights);

		SearchResults<BlogPost> findHybridByCosineAndParentTitle(String text, String title, int count);

	}

	interface Invalid extends EmbeddingStoreRepository<BlogPostContentEmbedding, BlogPost> {

		List<BlogPostContentEmbedding> findNearestByManhattan(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndTitle(float[] vector, String title, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkOrderByChunkSeq(float[] vector, String chunk,
				Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkIsEmpty(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkSeqIgnoreCase(float[] vector, int seq, Limit limit);

		List<BlogPostContentEmbedding> findNearestByL2(Limit limit);

		List<BlogPostContentEmbedding> findNearestByEuclidean(float[] vector, Sort sort);

		List<BlogPostContentEmbedding> findNearestByInnerProduct(float[] vector);

		List<BlogPostContentEmbedding> findTop2NearestByCosineAndChunk(float[] vector, String chunk, int count);

		List<BlogPostContentEmbedding> findNearestByL1(float[] vector, Similarity minimum);

		List<String> findNearestByCosineAndChunkSeq(float[] vector, int seq, Limit limit);

		BlogPostContentEmbedding getNearestByCosine(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> readNearestByCosine(float[] vector, Score maxDistance, double alsoMaxDistance);

		Page<BlogPostContentEmbedding> findNearestByCosineAndChunk(float[] vector, String chunk, Pageable pageable);

		Slice<BlogPostContentEmbedding> findNearestByCosineAndChunkSeqGreaterThan(float[] vector, int seq, Limit limit);

		Window<BlogPostContentEmbedding> findNearestByCosineAndChunkSeqLessThan(float[] vector, int seq,
				ScrollPosition position);

		List<BlogPostContentEmbedding> findHybridByCosine(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findHybridByL2(String text, Limit limit, double maxDistance);

		List<HybridSearchResult<BlogPostContentEmbedding>> findNearestByCosineAndChunkIsNull(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findTop2000NearestByCosine(float[] vector);

	}

}
