package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.sql.ChunkingCharacterTextSplitterConfig;
import io.github.pgaispring.sql.ChunkingNoneConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.DestinationColumnConfig;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingOllamaConfig;
import io.github.pgaispring.sql.FormattingPythonTemplateConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingColumnConfig;
import io.github.pgaispring.sql.ProcessingDefaultConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;

/**
 * Creates vectorizers for worker tests with the real catalog: {@link CatalogInstaller} and
 * {@code ai.create_vectorizer} through {@link CreateVectorizer}. Unless a test sets another, the embedding
 * config names an Ollama model that is never called: most worker tests embed with
 * {@link WorkerTestPipeline}, which only reads the template.
 */
final class WorkerTestCatalog {

	private WorkerTestCatalog() {
	}

	/** Starts the definition of a vectorizer on {@code schema.table}, which must have a primary key. */
	static Definition vectorizer(String schema, String table) {
		return new Definition(schema, table);
	}

	/** What {@code ai.create_vectorizer} is called with; unset options take pgai's defaults. */
	static final class Definition {

		private final String schema;

		private final String table;

		private String name;

		private String loadingColumn = "body";

		private EmbeddingConfig embedding = uncalledModel(3);

		private Integer retries;

		private Integer batchSize;

		private String template = "$chunk";

		private String embeddingColumn;

		private IndexingConfig indexing;

		private Definition(String schema, String table) {
			this.schema = schema;
			this.table = table;
			this.name = schema + "_" + table + "_embedding_store";
		}

		Definition name(String name) {
			this.name = name;
			return this;
		}

		Definition loadingColumn(String column) {
			this.loadingColumn = column;
			return this;
		}

		/** Dimensions of the (never called) Ollama model of the default embedding config. */
		Definition dimensions(int dimensions) {
			this.embedding = uncalledModel(dimensions);
			return this;
		}

		/** An embedding config for tests that embed with the real pipeline. */
		Definition embedding(EmbeddingConfig embedding) {
			this.embedding = embedding;
			return this;
		}

		/** {@code loading.retries}; pgai's default is 6. */
		Definition retries(int retries) {
			this.retries = retries;
			return this;
		}

		Definition batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		Definition template(String template) {
			this.template = template;
			return this;
		}

		/** Writes to a {@code vector} column of the source table instead of a chunk table. */
		Definition embeddingColumn(String column) {
			this.embeddingColumn = column;
			return this;
		}

		Definition indexing(IndexingConfig indexing) {
			this.indexing = indexing;
			return this;
		}

		/** Installs the catalog, creates the vectorizer (queueing existing rows) and reads it back. */
		Vectorizer create(DataSource dataSource) throws SQLException {
			new CatalogInstaller(dataSource).install();
			try (Connection connection = dataSource.getConnection()) {
				int id = toCreateVectorizer().execute(connection);
				return VectorizerCatalog.on(connection).findById(id).orElseThrow();
			}
		}

		private static EmbeddingConfig uncalledModel(int dimensions) {
			return new EmbeddingOllamaConfig("worker-test-embedder", dimensions, null, null, null);
		}

		private CreateVectorizer toCreateVectorizer() {
			CreateVectorizer create = CreateVectorizer.source(this.schema, this.table)
				.name(this.name)
				.loading(new LoadingColumnConfig(this.loadingColumn, this.retries))
				.embedding(this.embedding)
				.formatting(new FormattingPythonTemplateConfig(this.template))
				.processing(new ProcessingDefaultConfig(this.batchSize, null))
				.indexing(this.indexing);
			if (this.embeddingColumn != null) {
				return create.destination(new DestinationColumnConfig(this.embeddingColumn))
					.chunking(new ChunkingNoneConfig());
			}
			return create.chunking(new ChunkingCharacterTextSplitterConfig(null, null, null, "\n\n", false));
		}

	}

}
