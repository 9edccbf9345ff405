package io.github.pgaispring.jpa;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.github.pgaispring.jpa.fixtures.Article;
import io.github.pgaispring.jpa.fixtures.ArticleContentEmbedding;
import io.github.pgaispring.jpa.fixtures.ArticleSummaryEmbedding;
import io.github.pgaispring.jpa.fixtures.AuthorBioEmbedding;
import io.github.pgaispring.jpa.fixtures.BlogPost;
import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import io.github.pgaispring.jpa.fixtures.BlogPostTitleEmbedding;
import io.github.pgaispring.jpa.fixtures.Book;
import io.github.pgaispring.jpa.fixtures.BookBlurbEmbedding;
import io.github.pgaispring.jpa.fixtures.BookKey;
import io.github.pgaispring.jpa.fixtures.JpaFixturesApplication;
import io.github.pgaispring.jpa.fixtures.Report;
import io.github.pgaispring.jpa.fixtures.ReportBodyEmbedding;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The entities generated for {@link Vectorized @Vectorized} map pgai's embedding store tables, with both
 * relationship directions, composite keys, overrides and the fetch strategies, on a real database.
 */
@PostgresTest
@SpringBootTest(classes = JpaFixturesApplication.class,
		properties = { "spring.sql.init.mode=always", "spring.sql.init.schema-locations=" + JpaFixturesApplication.SCHEMA,
				"spring.sql.init.data-locations=classpath:io/github/pgaispring/jpa/fixtures/mapping-data.sql",
				"spring.jpa.properties.hibernate.generate_statistics=true" })
class JpaEmbeddingStoreMappingTests {

	private static final UUID ARTICLE_ID = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void embeddingEntityMapsEveryStoreColumn() {
		List<BlogPostContentEmbedding> chunks = inEntityManager((em) -> em
			.createQuery("from BlogPostContentEmbedding e order by e.id, e.chunkSeq", BlogPostContentEmbedding.class)
			.getResultList());
		assertThat(chunks).extracting(BlogPostContentEmbedding::getId, BlogPostContentEmbedding::getChunkSeq,
				BlogPostContentEmbedding::getChunk)
			.containsExactly(tuple(1L, 0, "Cats purr."), tuple(1L, 1, "Cats nap."), tuple(2L, 0, "Dogs bark."),
					tuple(3L, 0, "Cars race."), tuple(3L, 1, "A cat in a car."));
		assertThat(chunks.get(1).getEmbedding()).containsExactly(0.9f, 0.1f, 0f);
		assertThat(chunks).extracting(BlogPostContentEmbedding::getEmbeddingUuid).doesNotContainNull().doesNotHaveDuplicates();
	}

	@Test
	void relationshipsWorkInBothDirections() {
		inEntityManager((em) -> {
			BlogPost post = em.find(BlogPost.class, 3L);
			assertThat(post.getContentEmbeddings()).extracting(BlogPostContentEmbedding::getChunk)
				.containsExactlyInAnyOrder("Cars race.", "A cat in a car.");
			assertThat(post.getContentEmbeddings()).allSatisfy((chunk) -> assertThat(chunk.getParent()).isSameAs(post));
			BlogPostContentEmbedding dogs = em
				.createQuery("from BlogPostContentEmbedding e where e.chunk = 'Dogs bark.'", BlogPostContentEmbedding.class)
				.getSingleResult();
			assertThat(dogs.getParent().getTitle()).isEqualTo("Dogs outside");
			return null;
		});
	}

	@Test
	void bothDirectionsAreLazyByDefault() {
		Statistics statistics = statistics();
		inEntityManager((em) -> {
			statistics.clear();
			BlogPost post = em.find(BlogPost.class, 1L);
			assertThat(Hibernate.isInitialized(post.getContentEmbeddings())).isFalse();
			assertThat(statistics.getPrepareStatementCount()).isOne();
			assertThat(post.getContentEmbeddings()).hasSize(2);
			assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
			return null;
		});
		inEntityManager((em) -> {
			statistics.clear();
			BlogPostContentEmbedding dogs = em
				.createQuery("from BlogPostContentEmbedding e where e.chunk = 'Dogs bark.'", BlogPostContentEmbedding.class)
				.getSingleResult();
			assertThat(Hibernate.isInitialized(dogs.getParent())).isFalse();
			assertThat(statistics.getPrepareStatementCount()).isOne();
			assertThat(dogs.getParent().getTitle()).isEqualTo("Dogs outside");
			assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
			return null;
		});
	}

	@Test
	void joinFetchedCollectionLoadsWithItsParentInOneStatement() {
		Statistics statistics = statistics();
		inEntityManager((em) -> {
			statistics.clear();
			Book book = em.find(Book.class, new BookKey("978-1", 2));
			assertThat(Hibernate.isInitialized(book.getBlurbEmbeddings())).isTrue();
			assertThat(book.getBlurbEmbeddings()).extracting(BookBlurbEmbedding::getChunk).containsExactly("Now revised.");
			assertThat(statistics.getPrepareStatementCount()).isOne();
			return null;
		});
	}

	@Test
	void joinedParentFetchLoadsTheParentWithTheEmbeddingInOneStatement() {
		Statistics statistics = statistics();
		inEntityManager((em) -> {
			UUID ada = em.createQuery("select e.embeddingUuid from AuthorBioEmbedding e where e.firstName = 'Ada'", UUID.class)
				.getSingleResult();
			em.clear();
			statistics.clear();
			AuthorBioEmbedding chunk = em.find(AuthorBioEmbedding.class, ada);
			assertThat(Hibernate.isInitialized(chunk.getParent())).isTrue();
			assertThat(chunk.getParent().getBio()).isEqualTo("First programmer.");
			assertThat(statistics.getPrepareStatementCount()).isOne();
			return null;
		});
	}

	@Test
	void idClassKeyIsCopiedAndJoined() {
		List<AuthorBioEmbedding> chunks = inEntityManager((em) -> em
			.createQuery("from AuthorBioEmbedding e join fetch e.parent where e.lastName = 'Turing' order by e.chunkSeq",
					AuthorBioEmbedding.class)
			.getResultList());
		assertThat(chunks).extracting(AuthorBioEmbedding::getFirstName, AuthorBioEmbedding::getLastName,
				AuthorBioEmbedding::getChunk)
			.containsExactly(tuple("Alan", "Turing", "Computing"), tuple("Alan", "Turing", "pioneer."));
		assertThat(chunks.get(0).getParent().getBio()).isEqualTo("Computing pioneer.");
	}

	@Test
	void embeddedIdKeyIsCopiedAndJoined() {
		inEntityManager((em) -> {
			BookBlurbEmbedding chunk = em.createQuery("from BookBlurbEmbedding e", BookBlurbEmbedding.class).getSingleResult();
			assertThat(chunk.getKey()).isEqualTo(new BookKey("978-1", 2));
			assertThat(chunk.getParent().getTitle()).isEqualTo("Second edition");
			assertThat(em.find(Book.class, new BookKey("978-1", 1)).getBlurbEmbeddings()).isEmpty();
			assertThat(em.find(Book.class, new BookKey("978-1", 2)).getBlurbEmbeddings()).containsExactly(chunk);
			return null;
		});
	}

	@Test
	void severalVectorizedAttributesDoNotClash() {
		inEntityManager((em) -> {
			BlogPost post = em.find(BlogPost.class, 1L);
			assertThat(post.getTitleEmbeddings()).extracting(BlogPostTitleEmbedding::getChunk).containsExactly("Cats at home");
			assertThat(post.getContentEmbeddings()).extracting(BlogPostContentEmbedding::getChunk)
				.containsExactlyInAnyOrder("Cats purr.", "Cats nap.");
			Article article = em.find(Article.class, ARTICLE_ID);
			assertThat(article.getContentEmbeddings()).extracting(ArticleContentEmbedding::getChunk)
				.containsExactly("pgvector stores vectors");
			assertThat(article.getSummaryEmbeddings()).extracting(ArticleSummaryEmbedding::getChunk)
				.containsExactly("About vectors");
			return null;
		});
	}

	@Test
	void storeTablesFollowPgaiNamingWithOverrides() {
		assertThat(tableOf(BlogPostContentEmbedding.class)).isEqualTo("blog_posts_embedding_store");
		assertThat(tableOf(BlogPostTitleEmbedding.class)).isEqualTo("blog_posts_title_embedding_store");
		assertThat(tableOf(ArticleContentEmbedding.class)).isEqualTo("editorial.articles_embedding_store");
		assertThat(tableOf(ArticleSummaryEmbedding.class)).isEqualTo("search.article_summary_chunks");
		assertThat(tableOf(ReportBodyEmbedding.class)).isEqualTo("report_embedding_store");
		assertThat(tableOf(Report.class)).isEqualTo("report");
	}

	@Test
	void inheritedKeyAndLongVectorsAreMapped() {
		inEntityManager((em) -> {
			ReportBodyEmbedding chunk = em.createQuery("from ReportBodyEmbedding e", ReportBodyEmbedding.class).getSingleResult();
			assertThat(chunk.getId()).isEqualTo(7L);
			assertThat(chunk.getEmbedding()).hasSize(2048).containsOnly(0.5f);
			assertThat(chunk.getParent().getBody()).isEqualTo("Long vectors.");
			return null;
		});
	}

	@Test
	void pgaiJoinQueryWithTitleFilter() {
		List<Object[]> rows = inEntityManager((em) -> em
			.createQuery("select p, e from BlogPost p join p.contentEmbeddings e where lower(p.title) like :t order by e.chunk",
					Object[].class)
			.setParameter("t", "%cats%")
			.getResultList());
		assertThat(rows).extracting((row) -> ((BlogPost) row[0]).getTitle(), (row) -> ((BlogPostContentEmbedding) row[1]).getChunk())
			.containsExactly(tuple("Cars and cats", "A cat in a car."), tuple("Cars and cats", "Cars race."),
					tuple("Cats at home", "Cats nap."), tuple("Cats at home", "Cats purr."));
	}

	private String tableOf(Class<?> entity) {
		return ((AbstractEntityPersister) this.entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getMappingMetamodel()
			.getEntityDescriptor(entity)).getTableName();
	}

	private Statistics statistics() {
		return this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
	}

	private <T> T inEntityManager(Function<EntityManager, T> work) {
		try (EntityManager em = this.entityManagerFactory.createEntityManager()) {
			return work.apply(em);
		}
	}

}
