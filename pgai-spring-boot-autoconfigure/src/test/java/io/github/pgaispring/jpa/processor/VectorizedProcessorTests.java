package io.github.pgaispring.jpa.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation processor, run by {@code javac} on small sources: what it generates and the compile errors
 * it reports for mappings it cannot generate.
 */
class VectorizedProcessorTests {

	private static final String IMPORTS = """
			package shop;
			import java.util.*;
			import jakarta.persistence.*;
			import io.github.pgaispring.jpa.*;
			""";

	@TempDir
	Path directory;

	@Test
	void generatesEntityAndRepositoryThatCompile() throws IOException {
		Compilation compilation = compile("Product", """
				@Entity @Table(name = "\\"Products\\"", schema = "shop")
				public class Product {
					@Id @Column(name = "product_no") private long number;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8, parentFetch = ParentFetch.JOINED)
					private Set<ProductDescriptionEmbedding> descriptionEmbeddings;
				}
				""");
		assertThat(compilation.errors()).isEmpty();
		String entity = compilation.generated("shop/ProductDescriptionEmbedding.java");
		assertThat(entity).contains("@Table(name = \"\\\"Products_embedding_store\\\"\", schema = \"shop\")")
			.contains("@Column(name = \"product_no\", nullable = false)\n\tprivate long number;")
			.contains("@Array(length = 8)")
			.contains("@ManyToOne(fetch = FetchType.EAGER, optional = false)\n\t@Fetch(FetchMode.JOIN)")
			.contains("@JoinColumn(name = \"product_no\", referencedColumnName = \"product_no\", insertable = false, "
					+ "updatable = false, foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))")
			.contains("public class ProductDescriptionEmbedding implements EmbeddingChunk<shop.Product>");
		assertThat(compilation.generated("shop/ProductDescriptionEmbeddingRepository.java")).contains(
				"public interface ProductDescriptionEmbeddingRepository extends EmbeddingStoreRepository<ProductDescriptionEmbedding, shop.Product>");
	}

	@Test
	void repositoryGenerationCanBeTurnedOff() throws IOException {
		Compilation compilation = compile("Product", """
				@Entity
				public class Product {
					@Id private Long id;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8, repository = false)
					private List<ProductEmbedding> embeddings;
				}
				""");
		assertThat(compilation.errors()).isEmpty();
		assertThat(compilation.generated("shop/ProductEmbedding.java")).contains("@Table(name = \"Product_embedding_store\")");
		assertThat(this.directory.resolve("generated/shop/ProductEmbeddingRepository.java")).doesNotExist();
	}

	@Test
	void requiresTheInverseOneToMany() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id private Long id;
					@OneToMany @Vectorized(dimensions = 8) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("@Vectorized Product.embeddings must also be annotated @OneToMany(mappedBy = \"parent\")");
	}

	@Test
	void requiresACollectionOfANewClass() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id private Long id;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<String> textEmbeddings;
				}
				""").errors()).contains("@Vectorized Product.textEmbeddings declares elements of the existing type "
						+ "java.lang.String; name a new class instead (e.g. ProductTextEmbedding), which the processor generates");
	}

	@Test
	void requiresAnEntityWithAKey() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("Product needs an @Id or @EmbeddedId for @Vectorized Product.embeddings");
		assertThat(compile("Product", """
				public class Product {
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("@Vectorized Product.embeddings must be declared in an @Entity class");
	}

	@Test
	void rejectsKeyAttributesNamedLikeStoreAttributes() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id private Long chunk;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("The primary key attribute 'chunk' of Product clashes with the embedding store "
						+ "attribute of the same name");
	}

	@Test
	void rejectsAssociationKeys() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id @OneToOne private Product original;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("The @Id association 'original' of Product cannot be copied into the embedding "
						+ "store of @Vectorized Product.embeddings; only basic and embedded keys are supported");
	}

	@Test
	void rejectsTwoAttributesMappingOneTable() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id private Long id;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductNameEmbedding> nameEmbeddings;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8) private List<ProductTextEmbedding> textEmbeddings;
				}
				""").errors()).contains("@Vectorized shop.Product.textEmbeddings maps embedding store "
						+ "Product_embedding_store, which shop.Product.nameEmbeddings maps already; set targetTable on one of them");
	}

	@Test
	void rejectsMissingDimensions() throws IOException {
		assertThat(compile("Product", """
				@Entity
				public class Product {
					@Id private Long id;
					@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 0) private List<ProductEmbedding> embeddings;
				}
				""").errors()).contains("@Vectorized Product.embeddings needs dimensions >= 1, the length of the store's vectors");
	}

	private Compilation compile(String className, String body) throws IOException {
		Path sources = Files.createDirectories(this.directory.resolve("src/shop"));
		Path source = Files.writeString(sources.resolve(className + ".java"), IMPORTS + body);
		Path generated = Files.createDirectories(this.directory.resolve("generated"));
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = List.of("-processor", VectorizedProcessor.class.getName(), "-classpath",
					System.getProperty("java.class.path"), "-s", generated.toString(), "-d", classes.toString());
			compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
		}
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				errors.add(diagnostic.getMessage(Locale.ROOT));
			}
		}
		return new Compilation(generated, errors);
	}

	private record Compilation(Path generatedSources, List<String> errors) {

		String generated(String path) throws IOException {
			return Files.readString(this.generatedSources.resolve(path));
		}

	}

}
