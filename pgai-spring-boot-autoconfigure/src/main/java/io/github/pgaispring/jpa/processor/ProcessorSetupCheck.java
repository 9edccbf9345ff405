package io.github.pgaispring.jpa.processor;

import java.util.List;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;

import io.github.pgaispring.jpa.Vectorized;

/**
 * Turns the "cannot find symbol" of a build that did not run the {@link VectorizedProcessor} into an error
 * that names the fix. javac 23 and later no longer run annotation processors found on the class path unless
 * asked to, but they still start the javac {@link Plugin}s found there whose {@link #autoStart()} is
 * {@code true} (javac 14 and later), so this check runs where the processor silently does not.
 * <p>
 * When a compilation runs no annotation processing at all, it reports every {@link Vectorized @Vectorized}
 * field whose generated embedding store type does not exist. It stays silent when processing runs (the
 * processor then generates the types, or reports its own errors) and when the generated types exist (for
 * example when another build step generated them).
 */
public final class ProcessorSetupCheck implements Plugin {

	static final String FIX = "add io.github.pgaispring:pgai-spring-boot-autoconfigure to the"
			+ " <annotationProcessorPaths> of the maven-compiler-plugin (Gradle: to the annotationProcessor"
			+ " configuration), as README.md shows; javac 23 and later run no annotation processor they are not"
			+ " given";

	@Override
	public String getName() {
		return "pgai-processor-setup-check";
	}

	@Override
	public boolean autoStart() {
		return true;
	}

	@Override
	public void init(JavacTask task, String... args) {
		task.addTaskListener(new Listener(Trees.instance(task)));
	}

	/** Watches one compilation: whether it processes annotations, and each compilation unit once entered. */
	private static final class Listener implements TaskListener {

		private final Trees trees;

		private boolean processing;

		Listener(Trees trees) {
			this.trees = trees;
		}

		@Override
		public void started(TaskEvent event) {
			// javac announces annotation processing before it parses the first file, or never
			if (event.getKind() == TaskEvent.Kind.ANNOTATION_PROCESSING) {
				this.processing = true;
			}
		}

		@Override
		public void finished(TaskEvent event) {
			if (event.getKind() == TaskEvent.Kind.ENTER && !this.processing && event.getCompilationUnit() != null) {
				CompilationUnitTree unit = event.getCompilationUnit();
				for (Tree declaration : unit.getTypeDecls()) {
					if (declaration instanceof ClassTree) {
						Element type = this.trees.getElement(TreePath.getPath(unit, declaration));
						if (type instanceof TypeElement typeElement) {
							check(typeElement, unit);
						}
					}
				}
			}
		}

		private void check(TypeElement type, CompilationUnitTree unit) {
			for (Element field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
				if (isVectorized(field)) {
					List<String> missing = missingTypes(field.asType());
					if (!missing.isEmpty()) {
						this.trees.printMessage(Kind.ERROR, message(type, field, missing), this.trees.getTree(field),
								unit);
					}
				}
			}
			for (Element member : type.getEnclosedElements()) {
				if (member.getKind().isClass() || member.getKind() == ElementKind.INTERFACE) {
					check((TypeElement) member, unit);
				}
			}
		}

		private static boolean isVectorized(Element field) {
			for (AnnotationMirror annotation : field.getAnnotationMirrors()) {
				TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
				if (annotationType.getQualifiedName().contentEquals(Vectorized.class.getName())) {
					return true;
				}
			}
			return false;
		}

		private static List<String> missingTypes(TypeMirror type) {
			if (type.getKind() == TypeKind.ERROR) {
				return List.of(type.toString());
			}
			if (type instanceof DeclaredType declared) {
				return declared.getTypeArguments()
					.stream()
					.filter((argument) -> argument.getKind() == TypeKind.ERROR)
					.map(TypeMirror::toString)
					.collect(Collectors.toList());
			}
			return List.of();
		}

		private static String message(TypeElement type, Element field, List<String> missing) {
			return "@Vectorized " + type.getSimpleName() + "." + field.getSimpleName() + " refers to "
					+ String.join(", ", missing) + ", which the pgai annotation processor generates, but this"
					+ " compilation ran no annotation processor. To run it, " + FIX + ".";
		}

	}

}
