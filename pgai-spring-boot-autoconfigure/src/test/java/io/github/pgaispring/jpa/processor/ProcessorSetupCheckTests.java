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
 * The javac plugin that names the fix when a compilation with {@code @Vectorized} fields runs no annotation
 * processor. {@code -proc:none} gives, on this JDK, what javac 23 and later do by default with processors on
 * the class path; the plugin is found on the class path (this module's {@code META-INF/services}) as in a
 * user's build. The invoker build {@code consumer-without-processor-setup} shows the same on JDK 25.
 */
class ProcessorSetupCheckTests {

	private static final String PRODUCT = """
			package shop;
			import java.util.List;
			import jakarta.persistence.*;
			import io.github.pgaispring.jpa.Vectorized;
			@Entity
			public class Product {
				@Id private Long id;
				@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8)
				private List<ProductDescriptionEmbedding> descriptionEmbeddings;
			}
			""";

	@TempDir
	Path directory;

	@Test
	void compilationWithoutAnnotationProcessingNamesTheFix() throws IOException {
		List<String> errors = compile(List.of("-proc:none"), PRODUCT);
		assertThat(errors).anySatisfy((error) -> assertThat(error)
			.startsWith("@Vectorized Product.descriptionEmbeddings refers to ProductDescriptionEmbedding, which the"
					+ " pgai annotation processor generates, but this compilation ran no annotation processor.")
			.contains("add io.github.pgaispring:pgai-spring-boot-autoconfigure to the <annotationProcessorPaths>"));
	}

	@Test
	void nestedEntitiesAreCheckedToo() throws IOException {
		List<String> errors = compile(List.of("-proc:none"), """
				package shop;
				import java.util.List;
				import jakarta.persistence.*;
				import io.github.pgaispring.jpa.Vectorized;
				public class Shop {
					@Entity
					public static class Review {
						@Id private Long id;
						@OneToMany(mappedBy = "parent") @Vectorized(dimensions = 8)
						private List<ReviewTextEmbedding> textEmbeddings;
					}
				}
				""");
		assertThat(errors).anySatisfy((error) -> assertThat(error)
			.startsWith("@Vectorized Review.textEmbeddings refers to ReviewTextEmbedding"));
	}

	@Test
	void compilationThatRunsTheProcessorGetsNoSuchError() throws IOException {
		List<String> errors = compile(List.of("-processor", VectorizedProcessor.class.getName()), PRODUCT);
		assertThat(errors).isEmpty();
	}

	@Test
	void generatedTypesThatExistAlreadyAreFine() throws IOException {
		// another build step (maven-processor-plugin, an earlier -proc:only run) generated the type
		List<String> errors = compile(List.of("-proc:none"), PRODUCT, """
				package shop;
				public class ProductDescriptionEmbedding {
				}
				""");
		assertThat(errors).isEmpty();
	}

	private List<String> compile(List<String> processing, String... sources) throws IOException {
		Path sourceDirectory = Files.createDirectories(this.directory.resolve("src/shop"));
		List<Path> files = new ArrayList<>();
		for (String source : sources) {
			String name = source.substring(source.indexOf("public class ") + "public class ".length()).split("\\s")[0];
			files.add(Files.writeString(sourceDirectory.resolve(name + ".java"), source));
		}
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		Path generated = Files.createDirectories(this.directory.resolve("generated"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = new ArrayList<>(processing);
			options.addAll(List.of("-classpath", System.getProperty("java.class.path"), "-s", generated.toString(), "-d",
					classes.toString()));
			compiler
				.getTask(null, fileManager, diagnostics, options, null,
						fileManager.getJavaFileObjectsFromPaths(files))
				.call();
		}
		return diagnostics.getDiagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.map((diagnostic) -> diagnostic.getMessage(Locale.ROOT))
			.toList();
	}

}
