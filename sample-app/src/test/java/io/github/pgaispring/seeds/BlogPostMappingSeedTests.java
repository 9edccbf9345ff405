package io.github.pgaispring.seeds;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.pgaispring.sample.BlogApplication;
import io.github.pgaispring.sample.EmbeddingQueues;
import io.github.pgaispring.sample.blog.BlogPost;
import io.github.pgaispring.sample.blog.BlogPostContentEmbedding;
import io.github.pgaispring.sample.blog.BlogPostRepository;
import io.github.pgaispring.sample.blog.BlogPostSearch;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.Attribute;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.SearchResults;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java counterparts of pgai's SQLAlchemy integration guide ({@code vectorizer_relationship}), on the
 * blog sample's {@link BlogPost} with its real vectorizer and in-process embedding model.
 * <p>
 * pgai's model declares {@code content_embeddings = vectorizer_relationship(dimensions=768)}; here
 * {@link BlogPost} declares
 * <pre class="code">
 * &#64;OneToMany(mappedBy = "parent")
 * &#64;Vectorized(dimensions = 384)
 * private List&lt;BlogPostContentEmbedding&gt; contentEmbeddings;
 * </pre>
 * and {@code application.yml} declares the vectorizer ({@code pgai.vectorizers.blog_posts_content}) that pgai
 * creates with {@code ai.create_vectorizer}.
 */
@PostgresTest
@SpringBootTest(classes = BlogApplication.class, properties = "spring.jpa.properties.hibernate.generate_statistics=true")
class BlogPostMappingSeedTests {

	@Autowired
	BlogPostSearch search;

	@Autowired
	BlogPostRepository posts;

	@Autowired
	EntityManager entityManager;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void waitForTheSamplePostsToBeEmbedded(DataSource dataSource) {
		EmbeddingQueues.awaitEmpty(dataSource, Duration.ofSeconds(120));
	}

	/** Basic usage: the {@code @Vectorized} field gives an entity mapped onto the vectorizer's store. */
	@Test
	void basicUsageMapsTheEmbeddingStore() {
		assertThat(this.entityManager.getMetamodel().entity(BlogPostContentEmbedding.class).getAttributes())
			.extracting(Attribute::getName)
			.containsExactlyInAnyOrder("embeddingUuid", "id", "chunkSeq", "chunk", "embedding", "parent");
		assertThat(this.jdbc.sql("""
				select format_type(atttypid, atttypmod) from pg_attribute
				where attrelid = 'blog_posts_embedding_store'::regclass and attname = 'embedding'""")
			.query(String.class)
			.single()).isEqualTo("vector(384)");
	}

	/**
	 * Semantic search by text: pgai orders by {@code cosine_distance(ai.openai_embed('…', 'search query'))};
	 * here a repository method embeds the query with the vectorizer's model and orders by cosine distance.
	 */
	@Test
	void semanticSearchByText() {
		SearchResults<BlogPostContentEmbedding> results = this.search
			.findNearestByCosine("how do I keep my sourdough starter alive", Limit.of(5));
		assertThat(results.getContent()).hasSize(5);
		assertThat(results.getContent().get(0).getContent().getChunk())
			.startsWith("Getting started with sourdough bread - ");
		assertThat(results.getContent()).extracting((result) -> result.getScore().getValue()).isSorted();
	}

	/** Semantic search by a vector the application already has (pgai: {@code cosine_distance([3, 1, 2])}). */
	@Test
	void semanticSearchByVector() {
		BlogPostContentEmbedding planets = this.search.findAll()
			.stream()
			.filter((chunk) -> chunk.getChunk().contains("Five planets are visible to the naked eye"))
			.findFirst()
			.orElseThrow();
		float[] vector = planets.getEmbedding();

		List<BlogPostContentEmbedding> nearest = this.search.findNearestByCosine(vector, Limit.of(3));

		assertThat(nearest).hasSize(3).first().isEqualTo(planets);
	}

	/**
	 * Direct access to the embeddings: every row of the store, with the parent's key, {@code chunk},
	 * {@code embedding}, {@code chunkSeq}, {@code embeddingUuid} and {@code parent}.
	 */
	@Test
	@Transactional
	void directAccessToTheEmbeddings() {
		List<BlogPostContentEmbedding> embeddings = this.search.findAll();

		assertThat(embeddings).hasSizeGreaterThan(16).allSatisfy((embedding) -> {
			assertThat(embedding.getEmbeddingUuid()).isNotNull();
			assertThat(embedding.getEmbedding()).hasSize(384);
			assertThat(embedding.getChunkSeq()).isNotNegative();
			assertThat(embedding.getChunk()).startsWith(embedding.getParent().getTitle() + " - ");
			assertThat(embedding.getId()).isEqualTo(embedding.getParent().getId());
		});
		assertThat(embeddings).filteredOn((embedding) -> embedding.getChunkSeq() == 0)
			.extracting(BlogPostContentEmbedding::getId)
			.containsExactlyInAnyOrderElementsOf(this.posts.findAll().stream().map(BlogPost::getId).toList());
	}

	/** Relationship access from a post to its chunks (pgai: {@code blog_post.content_embeddings}). */
	@Test
	@Transactional
	void relationshipAccessFromPostToEmbeddings() {
		BlogPost post = this.posts.findAll().stream()
			.filter((candidate) -> candidate.getTitle().equals("Getting started with sourdough bread"))
			.findFirst()
			.orElseThrow();

		List<BlogPostContentEmbedding> embeddings = post.getContentEmbeddings();

		assertThat(embeddings).isNotEmpty()
			.allSatisfy((embedding) -> assertThat(embedding.getChunk()).startsWith(post.getTitle() + " - "));
		assertThat(String.join(" ", embeddings.stream().map(BlogPostContentEmbedding::getChunk).toList()))
			.contains("discarding half and adding fresh flour");
	}

	/** Relationship access from a search result to its post (pgai: {@code embedding.parent.title}). */
	@Test
	@Transactional
	void relationshipAccessFromEmbeddingToPost() {
		List<BlogPostContentEmbedding> similar = this.search.findNearestByCosine("which planets are visible to the naked eye",
				Limit.of(3)).getContent().stream().map((result) -> result.getContent()).toList();

		assertThat(similar.get(0).getParent().getTitle()).isEqualTo("Planets you can see without a telescope");
	}

	/**
	 * A join query with a title filter (pgai: {@code session.query(BlogPost, BlogPost.content_embeddings)
	 * .join(BlogPost.content_embeddings).filter(BlogPost.title.ilike("%search term%"))}).
	 */
	@Test
	void joinQueryWithATitleFilter() {
		List<Object[]> results = this.entityManager
			.createQuery("select p, e from BlogPost p join p.contentEmbeddings e where lower(p.title) like :t",
					Object[].class)
			.setParameter("t", "%sourdough%")
			.getResultList();

		assertThat(results).isNotEmpty().allSatisfy((row) -> {
			BlogPost post = (BlogPost) row[0];
			BlogPostContentEmbedding embedding = (BlogPostContentEmbedding) row[1];
			assertThat(post.getTitle()).containsIgnoringCase("sourdough");
			assertThat(embedding.getChunk()).startsWith(post.getTitle() + " - ");
		});
	}

	/**
	 * Eager loading of the parent with {@code join fetch} (pgai: {@code parent_kwargs={"lazy": "joined"}};
	 * see {@link StoreOverridesSeedTests} for {@code @Vectorized(parentFetch = JOINED)}): one SQL statement
	 * instead of one for the chunks plus more for their posts.
	 */
	@Test
	@Transactional
	void eagerLoadingWithJoinFetch() {
		Statistics statistics = this.entityManager.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics();

		statistics.clear();
		List<BlogPostContentEmbedding> joined = this.entityManager
			.createQuery("select e from BlogPostContentEmbedding e join fetch e.parent", BlogPostContentEmbedding.class)
			.getResultList();
		joined.forEach((embedding) -> embedding.getParent().getTitle());
		assertThat(joined).allSatisfy((embedding) -> assertThat(Hibernate.isInitialized(embedding.getParent())).isTrue());
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);

		this.entityManager.clear();
		statistics.clear();
		List<BlogPostContentEmbedding> lazy = this.search.findAll();
		assertThat(lazy).allSatisfy((embedding) -> assertThat(Hibernate.isInitialized(embedding.getParent())).isFalse());
		lazy.forEach((embedding) -> embedding.getParent().getTitle());
		// one statement for the chunks, one for their 16 posts (application.yml sets a batch fetch size of 32)
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
	}

}
