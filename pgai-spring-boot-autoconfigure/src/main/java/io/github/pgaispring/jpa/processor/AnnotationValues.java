package io.github.pgaispring.jpa.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads annotations by name through the compiler's mirrors, so the processor needs none of the annotated
 * libraries (JPA, Hibernate) on its own class path.
 */
final class AnnotationValues {

	private AnnotationValues() {
	}

	static Optional<AnnotationMirror> find(Element element, String annotationType) {
		for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
			TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
			if (type.getQualifiedName().contentEquals(annotationType)) {
				return Optional.of(mirror);
			}
		}
		return Optional.empty();
	}

	static boolean has(Element element, String annotationType) {
		return find(element, annotationType).isPresent();
	}

	/** The attribute's value, with the annotation's default applied. */
	static Object value(AnnotationMirror mirror, String attribute) {
		Map<? extends ExecutableElement, ? extends AnnotationValue> values = mirror.getElementValues();
		for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
			if (entry.getKey().getSimpleName().contentEquals(attribute)) {
				return entry.getValue().getValue();
			}
		}
		for (Element member : mirror.getAnnotationType().asElement().getEnclosedElements()) {
			if (member instanceof ExecutableElement method && method.getSimpleName().contentEquals(attribute)
					&& method.getDefaultValue() != null) {
				return method.getDefaultValue().getValue();
			}
		}
		throw new IllegalArgumentException("No attribute '" + attribute + "' on " + mirror);
	}

	static String string(AnnotationMirror mirror, String attribute) {
		return (String) value(mirror, attribute);
	}

	/** A string attribute of an optional annotation, or empty when the annotation or the value is absent. */
	static String string(Element element, String annotationType, String attribute) {
		return find(element, annotationType).map((mirror) -> string(mirror, attribute)).orElse("");
	}

	/** The nested annotations of an array-valued attribute. */
	@SuppressWarnings("unchecked")
	static List<AnnotationMirror> annotations(AnnotationMirror mirror, String attribute) {
		Object value = value(mirror, attribute);
		if (value instanceof AnnotationMirror single) {
			return List.of(single);
		}
		return ((List<? extends AnnotationValue>) value).stream()
			.map((element) -> (AnnotationMirror) element.getValue())
			.toList();
	}

}
