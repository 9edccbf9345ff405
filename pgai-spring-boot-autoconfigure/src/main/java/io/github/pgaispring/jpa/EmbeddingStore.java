package io.github.pgaispring.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity generated for a {@link Vectorized @Vectorized} attribute: it maps a pgai embedding store
 * table, which the vectorizer owns. Hibernate's schema tooling ({@code ddl-auto}) leaves such tables alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EmbeddingStore {

	/**
	 * The source (parent) entity.
	 * @return the parent entity class
	 */
	Class<?> parent();

	/**
	 * The {@link Vectorized @Vectorized} attribute of the parent this store belongs to.
	 * @return the attribute name
	 */
	String attribute();

	/**
	 * Length of the stored vectors.
	 * @return the number of dimensions
	 */
	int dimensions();

	/**
	 * How the {@code parent} association is fetched.
	 * @return the parent fetch strategy
	 */
	ParentFetch parentFetch();

}
