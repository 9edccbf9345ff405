package io.github.pgaispring.jpa.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic.Kind;

import io.github.pgaispring.jpa.Vectorized;

/**
 * Generates, for every {@link Vectorized @Vectorized} attribute, the JPA entity that maps the pgai embedding
 * store and its Spring Data repository, next to the source entity.
 * <p>
 * Registered in {@code META-INF/services/javax.annotation.processing.Processor}: javac 17 to 22 run it from the
 * compile class path, javac 23 and later only from an annotation processor path that lists this jar (the
 * documented setup), or with {@code -proc:full}. {@link ProcessorSetupCheck} names that fix when a compilation
 * runs no annotation processor.
 */
@SupportedAnnotationTypes("io.github.pgaispring.jpa.Vectorized")
public final class VectorizedProcessor extends AbstractProcessor {

	private final EmbeddingStoreSourceGenerator generator = new EmbeddingStoreSourceGenerator();

	private final Map<String, String> storeOwners = new HashMap<>();

	private EmbeddingStoreSpecReader reader;

	@Override
	public synchronized void init(ProcessingEnvironment processingEnv) {
		super.init(processingEnv);
		this.reader = new EmbeddingStoreSpecReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
	}

	@Override
	public SourceVersion getSupportedSourceVersion() {
		return SourceVersion.latestSupported();
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
		Messager messager = this.processingEnv.getMessager();
		for (Element element : roundEnv.getElementsAnnotatedWith(Vectorized.class)) {
			if (element.getKind() != ElementKind.FIELD) {
				continue;
			}
			try {
				EmbeddingStoreSpec spec = this.reader.read((VariableElement) element);
				claimTable(spec, element);
				write(spec, element);
			}
			catch (InvalidVectorizedMappingException ex) {
				messager.printMessage(Kind.ERROR, ex.getMessage(), ex.element());
			}
		}
		return false;
	}

	private void claimTable(EmbeddingStoreSpec spec, Element element) throws InvalidVectorizedMappingException {
		String owner = spec.parentType() + "." + spec.attribute();
		String previous = this.storeOwners.putIfAbsent(spec.qualifiedTable(), owner);
		if (previous != null && !previous.equals(owner)) {
			throw new InvalidVectorizedMappingException(element, "@Vectorized " + owner + " maps embedding store "
					+ spec.qualifiedTable() + ", which " + previous + " maps already; set targetTable on one of them");
		}
	}

	private void write(EmbeddingStoreSpec spec, Element element) throws InvalidVectorizedMappingException {
		Filer filer = this.processingEnv.getFiler();
		Element origin = element.getEnclosingElement();
		try {
			writeSource(filer, spec.qualifiedClassName(), this.generator.entitySource(spec), origin);
			if (spec.repository()) {
				writeSource(filer, spec.qualifiedRepositoryName(), this.generator.repositorySource(spec), origin);
			}
		}
		catch (IOException ex) {
			throw new InvalidVectorizedMappingException(element,
					"Could not generate the embedding store types of @Vectorized " + spec.parentType() + "."
							+ spec.attribute() + ": " + ex.getMessage());
		}
	}

	private static void writeSource(Filer filer, String name, String source, Element origin) throws IOException {
		try (Writer writer = filer.createSourceFile(name, origin).openWriter()) {
			writer.write(source);
		}
	}

}
