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
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.repository.query.parser.PartTree;

import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(cosine.container()).isEqualTo(NearestQueryMethod.ResultContainer.SEARCH_RESULTS);
		assertThat(parse("findNearestByL2").distance()).isEqualTo(VectorDistance.EUCLIDEAN);
		assertThat(parse("findNearestByDotProduct").distance()).isEqualTo(VectorDistance.INNER_PRODUCT);
		NearestQueryMethod parents = parse("findNearestByTaxicab");
		assertThat(parents.distance()).isEqualTo(VectorDistance.TAXICAB);
		assertThat(parents.returnsParents()).isTrue();
		assertThat(parents.container()).isEqualTo(NearestQueryMethod.ResultContainer.LIST);
	}

	@Test
	void limitsComeFromTheNameOrAnArgument() {
		Object[] arguments = { new float[3] };
		assertThat(parse("findTop3NearestByCosine").limit(arguments)).isEqualTo(3);
		assertThat(parse("findFirstNearestByCosine").limit(arguments)).isEqualTo(1);
		assertThat(parse("findNearestByCosine").limit(new Object[] { "q", Limit.of(4) })).isEqualTo(4);
		assertThat(parse("findNearestByCosine").limit(new Object[] { "q", Limit.unlimited() })).isNull();
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
		assertInvalid("findNearestByEuclidean", "parameter 2 (Pageable) is not supported");
		assertInvalid("findNearestByInnerProduct", "add a Limit or int parameter");
		assertInvalid("findTop2NearestByCosineAndChunk", "the number of results is given twice");
		assertInvalid("findNearestByL1", "TAXICAB distances have no normalized Similarity");
		assertInvalid("findNearestByCosineAndChunkSeq", "the results must be BlogPostContentEmbedding or BlogPost, not");
		assertInvalid("getNearestByCosine", "the return type must be");
		assertInvalid("readNearestByCosine", "there can be only one threshold");
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

	}

	interface Invalid extends EmbeddingStoreRepository<BlogPostContentEmbedding, BlogPost> {

		List<BlogPostContentEmbedding> findNearestByManhattan(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndTitle(float[] vector, String title, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkOrderByChunkSeq(float[] vector, String chunk,
				Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkIsEmpty(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> findNearestByCosineAndChunkSeqIgnoreCase(float[] vector, int seq, Limit limit);

		List<BlogPostContentEmbedding> findNearestByL2(Limit limit);

		List<BlogPostContentEmbedding> findNearestByEuclidean(float[] vector, Pageable pageable);

		List<BlogPostContentEmbedding> findNearestByInnerProduct(float[] vector);

		List<BlogPostContentEmbedding> findTop2NearestByCosineAndChunk(float[] vector, String chunk, int count);

		List<BlogPostContentEmbedding> findNearestByL1(float[] vector, Similarity minimum);

		List<String> findNearestByCosineAndChunkSeq(float[] vector, int seq, Limit limit);

		BlogPostContentEmbedding getNearestByCosine(float[] vector, Limit limit);

		List<BlogPostContentEmbedding> readNearestByCosine(float[] vector, Score maxDistance, double alsoMaxDistance);

	}

}
