package io.github.pgaispring.repository.searchfixtures;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstaller;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.OnnxEmbedder;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.repository.EmbedderResolver;
import io.github.pgaispring.repository.EmbeddingStoreRepositoryConfiguration;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.SetTextIndexing;
import io.github.pgaispring.sql.TextIndexingConfig;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.util.function.SingletonSupplier;

/**
 * The product fixtures with the starter's search support, text queries embedded by the real in-process
 * {@code all-minilm-l6-v2} model. {@link #createStore(DataSource)} creates the catalog, the table and its
 * vectorizer (with a text index) the way an application's migration would.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = Product.class)
@EnableJpaRepositories(basePackageClasses = Product.class)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
@Import(EmbeddingStoreRepositoryConfiguration.class)
public class SearchFixturesApplication {

	/** Runs the in-process model for the text queries; closed with the context. */
	@Bean
	OnnxScheduler onnxScheduler() {
		// charging search statements, so that the tests see what the repositories' SearchScope charges
		return new OnnxScheduler(2, OnnxScheduler.DEFAULT_DOCUMENT_SHARE, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT, true);
	}

	/** Loads the model when the first text query is embedded. */
	@Bean
	EmbedderResolver embedderResolver(OnnxScheduler onnxScheduler) {
		Supplier<Embedder> embedder = SingletonSupplier
			.of(() -> new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2, onnxScheduler));
		return (store) -> embedder.get();
	}

	/**
	 * Installs the catalog and creates {@code products} with its vectorizer {@code products_description} and
	 * an English text index on {@code products_embedding_store}.
	 * @param dataSource the test database
	 */
	public static void createStore(DataSource dataSource) throws SQLException {
		new CatalogInstaller(dataSource).install();
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table products (id bigint primary key, category text not null, "
						+ "description text not null)");
			}
			CreateVectorizer.source("products")
				.name("products_description")
				.loading(LoadingConfig.column("description"))
				.embedding(EmbeddingConfig.onnx("all-minilm-l6-v2", 384))
				.indexing(IndexingConfig.none())
				.enqueueExisting(false)
				.execute(connection);
			SetTextIndexing.name("products_description").textIndexing(TextIndexingConfig.tsvector("english"))
				.execute(connection);
		}
	}

}
