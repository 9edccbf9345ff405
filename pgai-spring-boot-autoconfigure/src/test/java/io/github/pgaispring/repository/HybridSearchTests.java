package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.repository.searchfixtures.Product;
import io.github.pgaispring.repository.searchfixtures.ProductDescriptionEmbedding;
import io.github.pgaispring.repository.searchfixtures.ProductSearch;
import io.github.pgaispring.repository.searchfixtures.SearchFixturesApplication;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hybrid (full-text and vector) searches over product descriptions embedded by the real in-process
 * {@code all-minilm-l6-v2} model, with the store's English text index made by {@code ai.set_text_indexing}.
 */
@PostgresTest
@SpringBootTest(classes = SearchFixturesApplication.class)
class HybridSearchTests {

	private static final long VALVE = 7;

	/** The frost cover, whose description ends with a batch number that the embeddings do not capture. */
	private static final long FROST_COVER = 11;

	private static final String BATCH = "77410093";

	private static final Map<Long, String[]> PRODUCTS = Map.ofEntries(
			product(1, "garden", "A hose reel that winds fifty metres of garden hose without kinks. The frame folds flat "
					+ "for winter storage in a shed or garage."),
			product(2, "garden", "Stainless steel pruning shears for roses and small branches. The spring is easy to "
					+ "replace and the blades can be sharpened at home."),
			product(3, "garden", "A drip irrigation kit that waters raised beds while you are away. A timer opens the "
					+ "tap every morning and closes it after ten minutes. Error E1234 means the battery is low."),
			product(4, "kitchen", "A cast iron skillet that keeps its heat for searing steaks. Season it with a thin "
					+ "layer of oil after every wash to keep it from rusting."),
			product(5, "kitchen", "A burr coffee grinder with forty grind settings for espresso. The hopper holds "
					+ "enough beans for a week of morning coffee."),
			product(6, "kitchen", "A sourdough starter kit with a glass jar and a rye flour blend. Feed the starter "
					+ "daily and bake when it doubles within six hours."),
			product(VALVE, "garden", "A brass valve for outdoor taps that drains the pipe when the water is turned off, "
					+ "so that frost cannot burst it. Order it as part QX-4471; it fits standard half-inch threads."),
			product(8, "tools", "A cordless drill with two batteries and a set of masonry bits. The clutch has twenty "
					+ "settings so that screws are not driven too deep."),
			product(9, "tools", "A spirit level with a magnetic edge for hanging shelves straight. The vials glow in "
					+ "the dark for work in poorly lit cupboards. Designed by Thistlewood."),
			product(10, "tools", "A plumbing wrench for tightening water pipes and taps. Its jaws adjust from small "
					+ "fittings to large drain nuts."),
			product(11, "outdoor", "A frost cover that protects outdoor taps and pipes in winter. It is made of foam and "
					+ "closes with a drawstring around the wall fitting. Batch 77410093."),
			product(12, "outdoor", "A camping stove that boils a litre of water in four minutes. It folds into a pouch "
					+ "smaller than a coffee mug. Ask for the zorblat kit."));

	private static Map.Entry<Long, String[]> product(long id, String category, String description) {
		return Map.entry(id, new String[] { category, description });
	}

	private static boolean created;

	@Autowired
	private ProductSearch search;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private OnnxScheduler onnxScheduler;

	@BeforeEach
	void createProducts() throws SQLException {
		if (created) {
			return;
		}
		SearchFixturesApplication.createStore(this.dataSource);
		List<Long> ids = new ArrayList<>(PRODUCTS.keySet());
		List<float[]> vectors;
		try (OnnxScheduler scheduler = new OnnxScheduler(2)) {
			vectors = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2, scheduler)
				.embedDocuments(ids.stream().map((id) -> PRODUCTS.get(id)[1]).toList());
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement product = connection
					.prepareStatement("insert into products (id, category, description) values (?, ?, ?)");
				PreparedStatement chunk = connection.prepareStatement("insert into products_embedding_store "
						+ "(id, chunk_seq, chunk, embedding) values (?, 0, ?, ?::vector)")) {
			for (int i = 0; i < ids.size(); i++) {
				String[] values = PRODUCTS.get(ids.get(i));
				product.setLong(1, ids.get(i));
				product.setString(2, values[0]);
				product.setString(3, values[1]);
				product.executeUpdate();
				chunk.setLong(1, ids.get(i));
				chunk.setString(2, values[1]);
				chunk.setString(3, VectorLiteral.of(vectors.get(i)));
				chunk.executeUpdate();
			}
		}
		created = true;
	}

	@Test
	void aTextSearchIsChargedForItsTimeOutsideTheModelAVectorSearchIsNot() {
		this.search.findNearestByCosine(BATCH, Limit.of(3));
		OnnxScheduler.Usage before = this.onnxScheduler.usage();
		long started = System.nanoTime();
		this.search.findHybridByCosine(BATCH, Limit.of(3));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		OnnxScheduler.Usage text = this.onnxScheduler.usage().since(before);
		this.search.findNearestByCosine(new float[384], Limit.of(3));
		OnnxScheduler.Usage vector = this.onnxScheduler.usage().since(before).since(text);

		assertThat(text.queryTexts()).isEqualTo(1);
		assertThat(text.searchTime()).as("the statement's time, charged to the queries")
			.isPositive()
			.isLessThan(took.minus(text.queryTime()));
		assertThat(vector.queryTexts()).isZero();
		assertThat(vector.searchTime()).as("a search with a vector given embeds nothing and is not charged").isZero();
	}

	@Test
	void aCodeWordTheEmbeddingsMissRanksFirstInHybridSearch() {
		List<ProductDescriptionEmbedding> vectorOnly = this.search.findNearestByCosine(BATCH, Limit.of(3));
		List<HybridSearchResult<ProductDescriptionEmbedding>> hybrid = this.search.findHybridByCosine(BATCH,
				Limit.of(3));
		assertThat(vectorOnly).extracting(ProductDescriptionEmbedding::getId).doesNotContain(FROST_COVER);
		HybridSearchResult<ProductDescriptionEmbedding> first = hybrid.get(0);
		assertThat(first.getContent().getId()).isEqualTo(FROST_COVER);
		assertThat(first.getTextRank()).isEqualTo(1);
		assertThat(first.getVectorRank()).isGreaterThan(3);
		assertThat(first.getTextScore()).isPositive();
		assertThat(first.getScore().getValue()).isEqualTo(1.0 / (60 + 1) + 1.0 / (60 + first.getVectorRank()));
		assertThat(first.getScore().getFunction()).isEqualTo(HybridSearchResult.RECIPROCAL_RANK_FUSION);
		assertThat(hybrid.subList(1, 3)).allSatisfy((result) -> {
			assertThat(result.getTextRank()).isNull();
			assertThat(result.getScore().getValue()).isLessThan(first.getScore().getValue());
		});
		assertThat(hybrid.subList(1, 3)).extracting(HybridSearchResult::getContent)
			.containsExactlyElementsOf(vectorOnly.subList(0, 2));
	}

	@Test
	void conditionsWeightsAndParentResults() {
		List<HybridSearchResult<Product>> textOnly = this.search.findHybridByCosineAndParentCategory("frost taps",
				"garden", Limit.of(5), HybridWeights.of(0, 1));
		assertThat(textOnly).extracting((result) -> result.getContent().getId()).startsWith(VALVE);
		assertThat(textOnly).allSatisfy((result) -> assertThat(result.getContent().getCategory()).isEqualTo("garden"));
		List<HybridSearchResult<Product>> vectorOnly = this.search.findHybridByCosineAndParentCategory("frost taps",
				"garden", Limit.of(5), HybridWeights.of(1, 0));
		assertThat(vectorOnly).extracting(HybridSearchResult::getDistance).isSorted();
		assertThat(vectorOnly).hasSize(4);
	}

	@Test
	void hybridPagesAreDisjointAndTogetherEqualOneLargerQuery() {
		List<HybridSearchResult<ProductDescriptionEmbedding>> all = this.search.findHybridByCosine("water pipes taps",
				Limit.of(9));
		List<HybridSearchResult<ProductDescriptionEmbedding>> paged = new ArrayList<>();
		Pageable pageable = PageRequest.of(0, 3);
		for (int page = 0; page < 3; page++) {
			Slice<HybridSearchResult<ProductDescriptionEmbedding>> slice = this.search.findHybridByCosine(
					"water pipes taps", pageable);
			assertThat(slice.getContent()).hasSize(3);
			paged.addAll(slice.getContent());
			pageable = slice.nextPageable();
		}
		assertThat(paged).extracting((result) -> result.getContent().getId()).doesNotHaveDuplicates()
			.containsExactlyElementsOf(all.stream().map((result) -> result.getContent().getId()).toList());
		assertThat(paged).extracting((result) -> -result.getScore().getValue()).isSorted();
	}

	@Test
	void badSearchInputIsAnIllegalArgumentFromTheRepository() {
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findHybridByCosine("  ", Limit.of(3)))
			.withMessage("The query text of findHybridByCosine must not be blank");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findNearestByCosine(" ", Limit.of(3)))
			.withMessage("The query text of findNearestByCosine must not be blank");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findHybridByCosine("taps", Limit.of(1001)))
			.withMessageContaining("may return at most 1000 results");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findHybridByCosine("taps\0", Limit.of(3)))
			.withMessageContaining("must not contain the NUL character");
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findHybridByCosine("taps", Limit.of(0)))
			.withMessage("The Limit of findHybridByCosine must be at least 1, not 0");
	}

}
