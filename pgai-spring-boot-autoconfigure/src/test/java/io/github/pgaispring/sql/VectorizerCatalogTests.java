package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link VectorizerCatalog}, the one reader of {@code ai.vectorizer}, against the real catalog: rows become
 * typed configs, lookups by id, name and destination, a config that cannot be read keeps its reason without
 * hiding the other rows, and failures are Spring {@link DataAccessException}s.
 */
@PostgresTest
class VectorizerCatalogTests {

	private static JdbcTemplate jdbc;

	private static int notesId;

	private static int docsId;

	@BeforeAll
	static void createVectorizers(FreshDatabase database) throws SQLException {
		new CatalogInstaller(database.dataSource()).install();
		jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("create schema app");
		jdbc.execute("create table app.notes (id bigint, tenant text, body text, primary key (tenant, id))");
		jdbc.execute("create table docs (id int primary key, body text)");
		try (Connection connection = database.connect()) {
			notesId = CreateVectorizer.source("app", "notes")
				.name("notes_body")
				.loading(LoadingConfig.column("body"))
				.embedding(EmbeddingConfig.ollama("nomic-embed-text", 768))
				.chunking(ChunkingConfig.recursiveCharacterTextSplitter(500, 50))
				.indexing(IndexingConfig.hnsw().withM(8))
				.execute(connection);
			docsId = CreateVectorizer.source("docs")
				.name("docs_body")
				.loading(LoadingConfig.column("body"))
				.embedding(EmbeddingConfig.onnx())
				.destination(DestinationConfig.column("body_embedding"))
				.chunking(ChunkingConfig.none())
				.execute(connection);
		}
	}

	@Test
	void readsRowsIntoTypedConfigs(FreshDatabase database) {
		VectorizerCatalog catalog = new VectorizerCatalog(database.dataSource());

		Vectorizer notes = catalog.findByName("notes_body").orElseThrow();

		assertThat(notes.id()).isEqualTo(notesId);
		assertThat(notes.qualifiedSource()).isEqualTo("\"app\".\"notes\"");
		assertThat(notes.primaryKey()).extracting(PrimaryKeyColumn::name).containsExactly("tenant", "id");
		assertThat(notes.qualifiedQueue()).isEqualTo("\"ai\".\"_vectorizer_q_" + notesId + "\"");
		assertThat(notes.config().embedding()).isEqualTo(EmbeddingConfig.ollama("nomic-embed-text", 768));
		assertThat(notes.config().indexing()).isInstanceOfSatisfying(IndexingHnswConfig.class, (hnsw) -> {
			assertThat(hnsw.m()).isEqualTo(8);
			assertThat(hnsw.minRowsOrDefault()).isEqualTo(IndexingHnswConfig.DEFAULT_MIN_ROWS);
		});
		assertThat(notes.destination())
			.isEqualTo(new DestinationTableConfig(null, "app", "notes_embedding_store", "app", "notes_embedding"));
		assertThat(notes.retries()).hasValue(LoadingConfig.DEFAULT_RETRIES);
		assertThat(notes.batchSize()).isEqualTo(ProcessingConfig.DEFAULT_BATCH_SIZE);
		assertThat(catalog.findById(docsId).orElseThrow().destination())
			.isEqualTo(DestinationConfig.column("body_embedding"));
		assertThat(catalog.findAll()).extracting(Vectorizer::name).containsExactly("notes_body", "docs_body");
		assertThat(catalog.findByName("missing")).isEmpty();
		assertThat(catalog.findById(-1)).isEmpty();
	}

	@Test
	void findsTheVectorizerWritingATable(FreshDatabase database) {
		VectorizerCatalog catalog = new VectorizerCatalog(database.dataSource());

		assertThat(catalog.findByDestination("app", "notes_embedding_store")).map(Vectorizer::name)
			.hasValue("notes_body");
		assertThat(catalog.findByDestination(null, "notes_embedding_store")).as("public is the current schema")
			.isEmpty();
		assertThat(catalog.findByDestination("public", "docs")).as("column destinations write no table").isEmpty();
	}

	@Test
	void aConfigThatCannotBeReadKeepsItsReasonAndHidesNothing(FreshDatabase database) throws SQLException {
		jdbc.execute("create table broken (id int primary key, body text)");
		int brokenId;
		try (Connection connection = database.connect()) {
			brokenId = CreateVectorizer.source("broken")
				.loading(LoadingConfig.column("body"))
				.embedding(EmbeddingConfig.onnx())
				.execute(connection);
		}
		jdbc.update("update ai.vectorizer set config = jsonb_set(config, '{formatting,implementation}', '\"jinja\"')"
				+ " where id = ?", brokenId);
		try {
			VectorizerCatalog catalog = new VectorizerCatalog(database.dataSource());

			Vectorizer broken = catalog.findById(brokenId).orElseThrow();

			assertThat(broken.storedConfig().ifReadable()).isEmpty();
			assertThat(broken.storedConfig().json()).contains("\"jinja\"");
			assertThatExceptionOfType(InvalidVectorizerConfigException.class).isThrownBy(broken::config)
				.withMessageStartingWith("Unsupported formatting implementation 'jinja'");
			assertThat(broken.concurrency()).isEmpty();
			assertThat(catalog.findAll()).extracting(Vectorizer::name).contains("notes_body", "docs_body");
		}
		finally {
			jdbc.update("delete from ai.vectorizer where id = ?", brokenId);
		}
	}

	@Test
	void readsInsideTheCallersTransactionWithoutClosingTheConnection(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			connection.setAutoCommit(false);
			connection.createStatement().execute("update ai.vectorizer set disabled = true where id = " + docsId);

			assertThat(VectorizerCatalog.on(connection).findById(docsId).orElseThrow().disabled()).isTrue();
			assertThat(new VectorizerCatalog(database.dataSource()).findById(docsId).orElseThrow().disabled())
				.as("not committed").isFalse();
			assertThat(connection.isClosed()).isFalse();
			connection.rollback();
		}
	}

	@Test
	void failuresAreDataAccessExceptions(FreshDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			connection.setAutoCommit(false);
			connection.createStatement().execute("alter table ai.vectorizer rename to vectorizer_elsewhere");
			try {
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> VectorizerCatalog.on(connection).findAll())
					.isInstanceOf(BadSqlGrammarException.class)
					.withMessageContaining("ai.vectorizer");
			}
			finally {
				connection.rollback();
			}
		}
	}

}
