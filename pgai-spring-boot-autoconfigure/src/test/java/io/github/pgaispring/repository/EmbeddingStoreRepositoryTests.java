package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.jpa.fixtures.Author;
import io.github.pgaispring.jpa.fixtures.AuthorBioEmbedding;
import io.github.pgaispring.jpa.fixtures.BlogPost;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbeddingRepository;
import io.github.pgaispring.jpa.fixtures.Book;
import io.github.pgaispring.jpa.fixtures.BookBlurbEmbedding;
import io.github.pgaispring.jpa.fixtures.BookKey;
import io.github.pgaispring.jpa.fixtures.ReportBodyEmbedding;
import io.github.pgaispring.repository.fixtures.AuthorBioSearch;
import io.github.pgaispring.repository.fixtures.BlogPostContentSearch;
import io.github.pgaispring.repository.fixtures.BlogPostTitleSearch;
import io.github.pgaispring.repository.fixtures.BookBlurbSearch;
import io.github.pgaispring.repository.fixtures.KeywordEmbedderConfiguration;
import io.github.pgaispring.repository.fixtures.RecordingStatementInspector;
import io.github.pgaispring.repository.fixtures.ReportBodySearch;
import io.github.pgaispring.repository.fixtures.RepositoryFixturesApplication;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Vector;
import org.springframework.data.domain.VectorScoringFunctions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Nearest-neighbour query methods derived from their names, against real vectors in PostgreSQL.
 */
@PostgresTest
@SpringBootTest(classes = { RepositoryFixturesApplication.class, KeywordEmbedderConfiguration.class },
		properties = { "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=" + RepositoryFixturesApplication.SCHEMA,
				"spring.sql.init.data-locations=" + RepositoryFixturesApplication.DATA,
				"spring.jpa.properties.hibernate.session_factory.statement_inspector=io.github.pgaispring.repository.fixtures.RecordingStatementInspector" })
class EmbeddingStoreRepositoryTests {

	private static final float[] CATS = { 1, 0, 0 };

	@Autowired
	private BlogPostContentSearch search;

	@Autowired
	private BlogPostContentEmbeddingRepository generated;

	@Autowired
	private BlogPostTitleSearch titles;

	@Autowired
	private AuthorBioSearch authors;

	@Autowired
	private BookBlurbSearch books;

	@Autowired
	private ReportBodySearch reports;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void generatedRepositoryIsInjectableByTypeAndServesTheBaseMethods() {
		assertThat(this.generated.count()).isEqualTo(5);
		this.transactions.executeWithoutResult((status) -> {
			BlogPost post = this.generated.findAll(Sort.by("chunk")).get(0).getParent();
			assertThat(this.generated.findByParentOrderByChunkSeqAsc(post)).extracting(BlogPostContentEmbedding::getChunk)
				.containsExactly("Cars race.", "A cat in a car.");
		});
	}

	@Test
	void textQueryIsEmbeddedAndResultsCarryCosineDistances() {
		SearchResults<BlogPostContentEmbedding> results = this.search.findNearestByCosine("cats", Limit.of(3));
		assertThat(results.contentStream().map(BlogPostContentEmbedding::getChunk))
			.containsExactly("Cats purr.", "Cats nap.", "A cat in a car.");
		assertThat(results.getContent()).extracting((result) -> result.getScore().getValue())
			.satisfiesExactly((first) -> assertThat(first).isCloseTo(0.0, within(1e-6)),
					(second) -> assertThat(second).isCloseTo(0.00612, within(1e-4)),
					(third) -> assertThat(third).isCloseTo(0.29289, within(1e-4)));
		assertThat(results.getContent().get(0).getScore().getFunction()).isEqualTo(VectorScoringFunctions.COSINE);
	}

	@Test
	void vectorQueriesOrderByEachDistance() {
		assertThat(this.search.findNearestByCosine(new float[] { 0, 0, 1 }, 2)).extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Cars race.", "A cat in a car.");
		SearchResults<BlogPostContentEmbedding> l2 = this.search.findNearestByL2(Vector.of(0f, 1f, 0f), Limit.of(3));
		assertThat(l2.contentStream().map(BlogPostContentEmbedding::getChunk)).containsExactly("Dogs bark.", "Cats nap.",
				"A cat in a car.");
		assertThat(l2.getContent().get(1).getScore().getValue()).isCloseTo(1.27279, within(1e-4));
		List<SearchResult<BlogPostContentEmbedding>> innerProduct = this.search
			.findNearestByInnerProduct(List.of(0.5f, 0f, 1f), Limit.of(3));
		assertThat(innerProduct).extracting((result) -> result.getContent().getChunk())
			.containsExactly("A cat in a car.", "Cars race.", "Cats purr.");
		assertThat(innerProduct.get(0).getScore().getValue()).isCloseTo(-1.05, within(1e-5));
		assertThat(this.search.findNearestByL1(new float[] { 0, 0, 1 }, Limit.of(2)))
			.extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Cars race.", "A cat in a car.");
	}

	@Test
	void topInTheNameLimitsTheResults() {
		assertThat(this.search.findTop2NearestByCosine(CATS)).extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Cats purr.", "Cats nap.");
	}

	@Test
	void thresholdsBoundTheDistance() {
		assertThat(this.search.findNearestByCosine(CATS, Score.of(0.01, VectorScoringFunctions.COSINE))
			.contentStream()
			.map(BlogPostContentEmbedding::getChunk)).containsExactly("Cats purr.", "Cats nap.");
		assertThat(this.search.readNearestByEuclidean(CATS, 0.2)).extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Cats purr.", "Cats nap.");
		SearchResults<BlogPostContentEmbedding> similar = this.search.searchNearestByCosine(CATS, Limit.of(5),
				Similarity.of(0.9));
		assertThat(similar.contentStream().map(BlogPostContentEmbedding::getChunk)).containsExactly("Cats purr.",
				"Cats nap.");
		assertThat(similar.getContent().get(1).getScore()).isInstanceOf(Similarity.class);
		assertThat(similar.getContent().get(1).getScore().getValue()).isCloseTo(1 - 0.00612 / 2, within(1e-4));
		assertThat(this.search.searchNearestByCosine(CATS, Limit.of(1), Similarity.of(0.9))).hasSize(1);
	}

	@Test
	void scoreOfAnotherFunctionIsRejected() {
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findNearestByCosine(CATS, Score.of(0.5, VectorScoringFunctions.EUCLIDEAN)))
			.withMessage("The Score passed to findNearestByCosine uses the EUCLIDEAN scoring function, but the method "
					+ "ranks by COSINE distance");
		assertThat(this.search.findNearestByCosine(CATS, Score.of(0.01, ScoringFunction.unspecified()))).hasSize(2);
	}

	@Test
	void conditionsFilterOnParentAndEmbeddingProperties() {
		assertThat(this.search.findNearestByCosineAndParentTitleContainingIgnoreCase("cats", "CARS", Limit.of(5)))
			.extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("A cat in a car.", "Cars race.");
		assertThat(this.search.findNearestByCosineAndChunkSeqAndParentIdIn(CATS, 1, List.of(1L, 3L), Limit.of(5)))
			.extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Cats nap.", "A cat in a car.");
		assertThat(this.search.findNearestByCosineAndParentTitleStartingWithOrChunkEndingWith(new float[] { 0, 1, 0 },
				"Dogs", "race.", Limit.of(5)))
			.extracting(BlogPostContentEmbedding::getChunk)
			.containsExactly("Dogs bark.", "Cars race.");
		assertThat(this.search.findNearestByCosineAndParentTitleContainingIgnoreCase("cats", "100%", Limit.of(5)))
			.isEmpty();
	}

	@Test
	void parentsComeBackDistinctByNearestChunk() {
		assertThat(this.search.queryNearestByCosine("cats", Limit.of(3))).extracting(BlogPost::getTitle)
			.containsExactly("Cats at home", "Cars and cats", "Dogs outside");
		SearchResults<BlogPost> scored = this.search.getNearestByCosine(CATS, Limit.of(2));
		assertThat(scored.contentStream().map(BlogPost::getTitle)).containsExactly("Cats at home", "Cars and cats");
		assertThat(scored.getContent().get(1).getScore().getValue()).isCloseTo(0.29289, within(1e-4));
	}

	@Test
	void parentsAreFoundBeyondManyChunksOfOneParent() {
		assertThat(this.titles.findNearestByCosine(CATS, 2)).extracting(BlogPost::getId).containsExactly(1L, 2L);
	}

	@Test
	void compositeEmbeddedIdParentsAreDeduplicated() {
		SearchResults<Book> results = this.books.findNearestByCosine(CATS, Limit.of(2));
		assertThat(results.contentStream().map(Book::getKey)).containsExactly(new BookKey("978-1", 1),
				new BookKey("978-1", 2));
		assertThat(this.books.findNearestByCosineAndKeyEdition(CATS, 1, Limit.of(5))).extracting(BookBlurbEmbedding::getChunk)
			.containsExactly("Original.", "Original, again.", "Something else.");
	}

	@Test
	void joinedParentFetchLoadsParentsInTheSameStatement() {
		RecordingStatementInspector.clear();
		List<AuthorBioEmbedding> results = this.authors.findNearestByL2(new float[] { 0, 1, 0 }, Limit.of(2));
		assertThat(RecordingStatementInspector.statements()).hasSize(1);
		assertThat(results).extracting(AuthorBioEmbedding::getChunk).containsExactly("Computing", "First programmer.");
		assertThat(results).allSatisfy((result) -> assertThat(Hibernate.isInitialized(result.getParent())).isTrue());
		assertThat(results).extracting(AuthorBioEmbedding::getParent).extracting(Author::getLastName)
			.containsExactly("Turing", "Lovelace");
	}

	@Test
	void queryVectorOfWrongLengthIsRejected() {
		assertThatExceptionOfType(InvalidSearchArgumentException.class)
			.isThrownBy(() -> this.search.findTop2NearestByCosine(new float[] { 1, 0 }))
			.withMessage("The query vector of findTop2NearestByCosine has 2 dimensions, but embedding store "
					+ "blog_posts_embedding_store holds 3");
	}

	@Test
	void queryPlanIsCachedSoThatQueriesWithNewVectorsAreNotTranslatedAgain() {
		assertThat(this.search.findNearestByCosine(new float[] { 1, 0, 0 }, 1)).hasSize(1);
		assertThat(this.search.findNearestByCosine(new float[] { 0, 1, 0 }, 1)).hasSize(1);
		assertThat(this.entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getQueryEngine()
			.getInterpretationCache()
			.getNumberOfCachedQueryPlans()).isPositive();
	}

	@Test
	void orderByUsesTheHnswIndex() throws SQLException {
		execute("create index blog_content_hnsw on blog_posts_embedding_store using hnsw (embedding vector_cosine_ops)");
		RecordingStatementInspector.clear();
		assertThat(this.search.findTop2NearestByCosine(CATS)).hasSize(2);
		String plan = explain(RecordingStatementInspector.statements().get(0), "[1,0,0]", "vector(3)");
		assertThat(plan).contains("Index Scan using blog_content_hnsw").doesNotContain("Sort");
	}

	@Test
	void longVectorsAreComparedAsHalfvecToUseTheExpressionIndex() throws SQLException {
		execute("create index report_body_hnsw on report_embedding_store using hnsw ((embedding::halfvec(2048)) halfvec_cosine_ops)");
		float[] last = new float[2048];
		last[2047] = 1;
		RecordingStatementInspector.clear();
		SearchResults<ReportBodyEmbedding> results = this.reports.findNearestByCosine(last, Limit.of(2));
		assertThat(results.contentStream().map(ReportBodyEmbedding::getId)).containsExactly(8L, 7L);
		assertThat(results.getContent().get(0).getScore().getValue()).isCloseTo(0, within(1e-3));
		String sql = RecordingStatementInspector.statements().get(0);
		assertThat(sql).contains("halfvec(2048)");
		String literal = VectorLiteral.of(last);
		assertThat(explain(sql, literal, "halfvec(2048)")).contains("Index Scan using report_body_hnsw")
			.doesNotContain("Sort");
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The plan of a recorded statement, with its parameters inlined and sequential scans disabled. */
	private String explain(String sql, String vector, String type) throws SQLException {
		String inlined = sql.replace("cast(? as " + type + ")", "cast('" + vector + "' as " + type + ")")
			.replace("?", "2");
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("set enable_seqscan = off");
			List<String> plan = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("explain " + inlined)) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
			return String.join("\n", plan);
		}
	}

}
