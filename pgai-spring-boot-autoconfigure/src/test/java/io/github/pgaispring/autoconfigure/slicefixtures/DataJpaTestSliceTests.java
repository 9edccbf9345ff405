package io.github.pgaispring.autoconfigure.slicefixtures;

import java.time.Duration;
import java.util.List;

import io.github.pgaispring.jpa.EmbeddingStoreSchemaExclusion;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @DataJpaTest} with the starter: the slice installs the catalog and the yml vectorizers (as
 * Flyway's migrations, through {@code AutoConfigureDataSourceInitialization}), keeps {@code ddl-auto} away from
 * the embedding store and gives repositories their {@code findNearestBy…} methods and the worker
 * ({@code AutoConfigureDataJpa}). The rows are committed (no test transaction), so the worker can embed them.
 */
@DataJpaTest(properties = { "pgai.vectorizers.memos_body.source=memos",
		"pgai.vectorizers.memos_body.loading.column=body", "spring.jpa.hibernate.ddl-auto=create-drop",
		"spring.liquibase.enabled=false", "spring.flyway.enabled=false" })
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@DirtiesContext // stops the worker with the context instead of leaving it running in the cache
@PostgresTest
class DataJpaTestSliceTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MemoRepository memos;

	@Autowired
	MemoSearch search;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sliceHasTheCatalogTheVectorizerAndTextSearch() {
		assertThat(this.context.getBeansOfType(EmbeddingStoreSchemaExclusion.class)).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from ai.vectorizer where name = 'memos_body'")
			.query(Long.class)
			.single()).isOne();
		this.memos.saveAll(List.of(new Memo("The cat sleeps on the warm windowsill all afternoon."),
				new Memo("File the tax return before the end of April.")));

		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.jdbc.sql("select pending_items from ai.vectorizer_status where name = 'memos_body'")
				.query(Long.class)
				.single() == 0);

		assertThat(this.search.findNearestByCosine("my kitten naps in the sun", Limit.of(1)).getContent())
			.singleElement()
			.satisfies((result) -> assertThat(result.getContent().getChunk()).contains("cat sleeps"));
	}

}
