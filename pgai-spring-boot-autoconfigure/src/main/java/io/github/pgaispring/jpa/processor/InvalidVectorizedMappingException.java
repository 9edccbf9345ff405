package io.github.pgaispring.jpa.processor;

import javax.lang.model.element.Element;

/**
 * A {@code @Vectorized} attribute that cannot be mapped, reported as a compile error on {@link #element()}.
 */
final class InvalidVectorizedMappingException extends Exception {

	private final transient Element element;

	InvalidVectorizedMappingException(Element element, String message) {
		super(message);
		this.element = element;
	}

	Element element() {
		return this.element;
	}

}
