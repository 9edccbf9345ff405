package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.pgaispring.repository.fixtures.RecordingStatementInspector;
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
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filtered and paged nearest-neighbour searches on an HNSW index: 2,000 products, one chunk each with a random
 * unit vector, 1 % of them (20) in category {@code rare}.
 * <p>
 * With only 2,000 rows PostgreSQL would rather join the 20 rare products and sort them exactly; the test's
 * connections turn sorting off ({@code enable_sort = off}) so that it takes the plan larger stores get: the HNSW
 * index scan in distance order, filtered by the join, which without iterative scans stops after
 * {@code ef_search} (40) candidates. Each test asserts that plan.
 */
@PostgresTest
@SpringBootTest(classes = SearchFixturesApplication.class, properties = {
		"spring.datasource.hikari.connection-init-sql=set enable_sort = off",
		"spring.jpa.properties.hibernate.session_factory.statement_inspector=io.github.pgaispring.repository.fixtures.RecordingStatementInspector" })
class FilteredSearchTests {

	private static final int PRODUCTS = 2000;

	private static final int DIMENSIONS = 384;

	private static boolean created;

	@Autowired
	private ProductSearch search;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private TransactionTemplate transactions;

	private final Random random = new Random(7);

	@BeforeEach
	void createProducts() throws SQLException {
		if (created) {
			return;
		}
		SearchFixturesApplication.createStore(this.dataSource);
		Random vectors = new Random(42);
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement product = connection
				.prepareStatement("insert into products (id, category, description) values (?, ?, ?)");
					PreparedStatement chunk = connection.prepareStatement("insert into products_embedding_store "
							+ "(id, chunk_seq, chunk, embedding) values (?, 0, ?, ?::vector)")) {
				for (int id = 1; id <= PRODUCTS; id++) {
					String category = (id % 100 == 0) ? "rare" : "common";
					product.setLong(1, id);
					product.setString(2, category);
					product.setString(3, "Product " + id);
					product.addBatch();
					chunk.setLong(1, id);
					chunk.setString(2, "Product " + id);
					chunk.setString(3, VectorLiteral.of(unitVector(vectors)));
					chunk.addBatch();
				}
				product.executeBatch();
				chunk.executeBatch();
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("create index products_hnsw on products_embedding_store using hnsw "
						+ "(embedding vector_cosine_ops)");
				statement.execute("analyze products; analyze products_embedding_store");
			}
			connection.commit();
		}
		created = true;
	}

	@Test
	void filteredSearchOnHnswReturnsExactlyKWithIterativeScans() throws SQLException {
		float[] query = unitVector(this.random);
		RecordingStatementInspector.clear();
		List<ProductDescriptionEmbedding> withIterativeScans = this.search.findNearestByCosineAndParentCategory(query,
				"rare", Limit.of(10));
		String sql = RecordingStatementInspector.statements().get(0);
		assertThat(explain(sql, query)).contains("Index Scan using products_hnsw");
		assertThat(withIterativeScans).hasSize(10)
			.extracting(ProductDescriptionEmbedding::getId)
			.doesNotHaveDuplicates()
			.allSatisfy((id) -> assertThat(id % 100).isZero());
		assertThat(withIterativeScans).extracting((chunk) -> distance(query, chunk)).isSorted();
		List<ProductDescriptionEmbedding> withoutIterativeScans = this.search.readNearestByCosineAndParentCategory(query,
				"rare", Limit.of(10));
		assertThat(withoutIterativeScans).hasSizeLessThan(10);
	}

	@Test
	void annotatedSettingsApplyToTheQueryOnlyAndAreRestoredInTheCallersTransaction() {
		float[] query = unitVector(this.random);
		this.transactions.executeWithoutResult((status) -> {
			assertThat(this.search.searchNearestByCosineAndParentCategory(query, "rare", Limit.of(10)))
				.extracting(ProductDescriptionEmbedding::getId)
				.hasSize(10)
				.allSatisfy((id) -> assertThat(id % 100).isZero());
			assertThat(this.search.findNearestByCosineAndParentCategory(query, "rare", Limit.of(10))).hasSize(10);
			assertThat(setting("hnsw.ef_search")).isEqualTo("40");
			assertThat(setting("hnsw.iterative_scan")).isEqualTo("off");
			assertThat(setting("hnsw.max_scan_tuples")).isEqualTo("20000");
		});
	}

	@Test
	void pagesAreDisjointOrderedAndTogetherEqualOneLargerQuery() {
		float[] query = unitVector(this.random);
		List<SearchResult<ProductDescriptionEmbedding>> all = this.search.findNearestByCosine(query, Limit.of(60));
		assertThat(all).hasSize(60);
		List<SearchResult<ProductDescriptionEmbedding>> paged = new ArrayList<>();
		Pageable pageable = PageRequest.of(0, 15);
		for (int page = 0; page < 4; page++) {
			Slice<SearchResult<ProductDescriptionEmbedding>> slice = this.search.findNearestByCosine(query, pageable);
			assertThat(slice.getContent()).hasSize(15);
			assertThat(slice.getNumber()).isEqualTo(page);
			assertThat(slice.hasNext()).isTrue();
			paged.addAll(slice.getContent());
			pageable = slice.nextPageable();
		}
		assertThat(ids(paged)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(all));
		assertThat(paged).extracting((result) -> result.getScore().getValue()).isSorted();
	}

	@Test
	void windowsScrollByOffset() {
		float[] query = unitVector(this.random);
		List<UUID> all = ids(this.search.findNearestByCosine(query, Limit.of(21)));
		List<UUID> scrolled = new ArrayList<>();
		Window<ProductDescriptionEmbedding> window = this.search.findTop7NearestByCosine(query, ScrollPosition.offset());
		for (int i = 0; i < 3; i++) {
			assertThat(window.size()).isEqualTo(7);
			scrolled.addAll(window.stream().map(ProductDescriptionEmbedding::getEmbeddingUuid).toList());
			window = this.search.findTop7NearestByCosine(query, window.positionAt(window.size() - 1));
		}
		assertThat(scrolled).containsExactlyElementsOf(all);
	}

	@Test
	void filteredParentPagesReachTheEndOfTheMatches() {
		float[] query = unitVector(this.random);
		List<Long> first = this.search.findNearestByCosineAndParentCategory(query, "rare", PageRequest.of(0, 15))
			.stream()
			.map(Product::getId)
			.toList();
		List<Long> second = this.search.findNearestByCosineAndParentCategory(query, "rare", PageRequest.of(1, 15))
			.stream()
			.map(Product::getId)
			.toList();
		assertThat(first).hasSize(15);
		assertThat(second).hasSize(5).doesNotContainAnyElementsOf(first);
		assertThat(first).containsAll(exactNearestRare(query, 15).subList(0, 5));
	}

	private static List<UUID> ids(List<SearchResult<ProductDescriptionEmbedding>> results) {
		return results.stream().map((result) -> result.getContent().getEmbeddingUuid()).toList();
	}

	/** The exact nearest rare products, by a sequential scan. */
	private List<Long> exactNearestRare(float[] query, int k) {
		List<Long> ids = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select e.id from products_embedding_store e "
						+ "join products p using (id) where p.category = 'rare' "
						+ "order by (e.embedding <=> ?::vector) + 0 limit ?")) {
			statement.setString(1, VectorLiteral.of(query));
			statement.setInt(2, k);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getLong(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return ids;
	}

	/** A setting as the current transaction's connection sees it. */
	private String setting(String name) {
		return new JdbcTemplate(this.dataSource).queryForObject("select current_setting(?)", String.class, name);
	}

	private static double distance(float[] query, ProductDescriptionEmbedding chunk) {
		double dot = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			dot += query[i] * chunk.getEmbedding()[i];
		}
		return 1 - dot;
	}

	private String explain(String sql, float[] query) throws SQLException {
		String inlined = sql.replace("cast(? as vector(384))", "cast('" + VectorLiteral.of(query)
				+ "' as vector(384))").replaceFirst("\\?", "'rare'").replace("?", "10");
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("explain " + inlined)) {
			List<String> plan = new ArrayList<>();
			while (rows.next()) {
				plan.add(rows.getString(1));
			}
			return String.join("\n", plan);
		}
	}

	private static float[] unitVector(Random random) {
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

}
