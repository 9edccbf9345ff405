package io.github.pgaispring.jpa;

import java.util.List;

import io.github.pgaispring.jpa.fixtures.BlogPostContentEmbedding;
import io.github.pgaispring.jpa.fixtures.JpaFixturesApplication;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.StandardBasicTypes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PgVectorTypeContributor} makes Hibernate read the {@code embedding} of the generated entities with
 * {@link PgVectorJdbcType}, while hibernate-vector's binding, casts and functions keep working.
 */
@PostgresTest
@SpringBootTest(classes = JpaFixturesApplication.class,
		properties = { "spring.sql.init.mode=always", "spring.sql.init.schema-locations=" + JpaFixturesApplication.SCHEMA,
				"spring.sql.init.data-locations=classpath:io/github/pgaispring/jpa/fixtures/mapping-data.sql" })
class PgVectorTypeContributorTests {

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void generatedEmbeddingAttributeIsReadByTheStartersJdbcType() {
		SessionFactoryImplementor sessionFactory = this.entityManagerFactory.unwrap(SessionFactoryImplementor.class);
		var embedding = sessionFactory.getMappingMetamodel()
			.getEntityDescriptor(BlogPostContentEmbedding.class)
			.findAttributeMapping("embedding")
			.getSingleJdbcMapping()
			.getJdbcType();
		assertThat(embedding).isInstanceOf(PgVectorJdbcType.class);
		assertThat(embedding.getDefaultSqlTypeCode()).isEqualTo(SqlTypes.VECTOR);
		assertThat(sessionFactory.getTypeConfiguration().getJdbcTypeRegistry().getDescriptor(SqlTypes.VECTOR_FLOAT16))
			.isInstanceOf(PgVectorJdbcType.class);
	}

	@Test
	void vectorsReadBackAndHibernateVectorFunctionsStillBindFloatArrays() {
		EntityManager em = this.entityManagerFactory.createEntityManager();
		try {
			List<BlogPostContentEmbedding> nearest = em
				.createQuery("from BlogPostContentEmbedding e order by cosine_distance(e.embedding, :query), e.chunkSeq",
						BlogPostContentEmbedding.class)
				.setParameter("query", new float[] { 0.9f, 0.1f, 0f })
				.setMaxResults(2)
				.getResultList();
			assertThat(nearest).extracting(BlogPostContentEmbedding::getChunk).containsExactly("Cats nap.", "Cats purr.");
			assertThat(nearest.get(0).getEmbedding()).containsExactly(0.9f, 0.1f, 0f);
			assertThat(nearest.get(1).getEmbedding()).containsExactly(1f, 0f, 0f);
			try (StatelessSession session = this.entityManagerFactory.unwrap(SessionFactory.class).openStatelessSession()) {
				Object[] row = session
					.createNativeQuery("select cast('[0.5,-2,65504]' as halfvec) as h, cast(null as vector) as n",
							Object[].class)
					.addScalar("h", StandardBasicTypes.VECTOR_FLOAT16)
					.addScalar("n", StandardBasicTypes.VECTOR)
					.getSingleResult();
				assertThat((float[]) row[0]).containsExactly(0.5f, -2f, 65504f);
				assertThat(row[1]).isNull();
			}
		}
		finally {
			em.close();
		}
	}

}
