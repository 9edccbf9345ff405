package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.autoconfigure.jpafixtures.NoteApplication;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteBodyEmbeddingRepository;
import io.github.pgaispring.repository.EmbedderResolver;
import io.github.pgaispring.repository.EmbeddingStoreTable;
import io.github.pgaispring.repository.EmbeddingStoreVectorizerVerifier;
import io.github.pgaispring.repository.IterativeScan;
import io.github.pgaispring.repository.SearchDefaults;
import io.github.pgaispring.testsupport.FailureReports;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole starter in an application with a {@code @Vectorized} entity: repositories, query embedding
 * with the vectorizer's model, {@code ddl-auto} kept away from the store, and the startup check of mapping
 * against vectorizer.
 */
@PostgresTest
class PgaiJpaAutoConfigurationTests {

	private static final String VECTORIZER = "pgai.vectorizers.notes_body.";

	private ApplicationContextRunner runner;

	private JdbcTemplate jdbc;

	@BeforeEach
	void prepare(FreshDatabase database) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.jdbc.execute("drop schema if exists ai cascade");
		this.jdbc.execute("drop table if exists notes, notes_embedding_store cascade");
		this.jdbc.execute("create table notes (id bigint primary key, body text)");
		this.runner = new ApplicationContextRunner().withUserConfiguration(NoteApplication.class)
			.withPropertyValues(database.springPropertyValues())
			.withPropertyValues("pgai.worker.enabled=false", "spring.jpa.hibernate.ddl-auto=validate",
					"spring.liquibase.enabled=false", "spring.flyway.enabled=false");
	}

	@Test
	void vectorizedEntityGetsItsRepositoryAndTheVectorizersModel() {
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NoteBodyEmbeddingRepository.class)
				.hasSingleBean(EmbeddingStoreVectorizerVerifier.class);
			EmbeddingStoreTable store = EmbeddingStoreTable.all(context.getBean(EntityManagerFactory.class)).get(0);
			assertThat(store.table()).isEqualTo("notes_embedding_store");
			float[] query = context.getBean(EmbedderResolver.class).resolve(store).embedQuery("a note about cats");
			assertThat(query).hasSize(384);
			assertThat(context.getBean(NoteBodyEmbeddingRepository.class).count()).isZero();
		});
	}

	@Test
	void searchPropertiesBecomeTheRepositoriesDefaults() {
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
				"pgai.search.max-results=50", "pgai.search.hnsw.ef-search=100",
				"pgai.search.hnsw.iterative-scan=strict-order", "pgai.search.hnsw.max-scan-tuples=30000",
				"pgai.search.hybrid.rrf-k=20", "pgai.search.hybrid.candidate-multiplier=8")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SearchDefaults.class))
					.isEqualTo(new SearchDefaults(100, IterativeScan.STRICT_ORDER, 30000, 50, 20, 8));
			});
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body")
			.run((context) -> assertThat(context.getBean(SearchDefaults.class)).isEqualTo(SearchDefaults.defaults()));
	}

	@Test
	void createDropLeavesTheStoreAlone() {
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body")
			.run((context) -> assertThat(context).hasNotFailed());
		this.jdbc.update("insert into notes_embedding_store (id, chunk_seq, chunk, embedding)"
				+ " values (1, 0, 'kept', array_fill(0.1, array[384])::vector)");
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
				"spring.jpa.hibernate.ddl-auto=create-drop")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(this.jdbc.queryForObject("select chunk from notes_embedding_store", String.class)).isEqualTo("kept");
	}

	@Test
	void entityWithoutVectorizerFailsStartupNamingTheFix() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasMessageContaining("@Vectorized mapping Note -> NoteBodyEmbedding (table notes_embedding_store)"
					+ " has no vectorizer writing its store")
			.hasMessageContaining("pgai.vectorizers.<name> with source: notes"));
	}

	@Test
	void dimensionsThatDisagreeFailStartupNamingBoth() {
		this.runner
			.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
					VECTORIZER + "embedding.provider=openai", VECTORIZER + "embedding.model=text-embedding-3-small",
					VECTORIZER + "embedding.dimensions=768")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("declares dimensions = 384, but vectorizer 'notes_body' stores 768-dimensional")
				.hasMessageContaining("Set @Vectorized(dimensions = 768)"));
	}


	@Test
	void aMigrationToOtherDimensionsThanTheMappingsIsRefusedBeforeItStarts() {
		this.runner.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner
			.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
					VECTORIZER + "on-change=migrate", VECTORIZER + "embedding.provider=openai",
					VECTORIZER + "embedding.model=text-embedding-3-small", VECTORIZER + "embedding.dimensions=768")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(VECTORIZER + "embedding.dimensions",
						"a migration of vectorizer 'notes_body' to 768-dimensional embeddings cannot start",
						"declares dimensions = 384");
				assertThat(analysis.getAction()).contains("Change @Vectorized(dimensions = 768)");
			});
		assertThat(this.jdbc.queryForList("select name from ai.vectorizer", String.class)).as("no migration started")
			.containsExactly("notes_body");
		this.runner
			.withPropertyValues(VECTORIZER + "source=notes", VECTORIZER + "loading.column=body",
					VECTORIZER + "on-change=migrate", VECTORIZER + "embedding.model=bge-small-en-v1.5")
			.run((context) -> {
				assertThat(context).as("a model of the mapping's 384 dimensions").hasNotFailed();
				assertThat(this.jdbc.queryForList("select name from ai.vectorizer order by id", String.class))
					.containsExactly("notes_body", "notes_body_next");
			});
	}

}
