package io.github.pgaispring.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps the embedding store of a pgai vectorizer onto a JPA entity: the counterpart of pgai's
 * {@code vectorizer_relationship}.
 * <p>
 * Put it on a {@code @OneToMany(mappedBy = "parent")} collection of the source entity, naming the element
 * type you want generated:
 *
 * <pre class="code">
 * &#64;OneToMany(mappedBy = "parent")
 * &#64;Vectorized(dimensions = 384)
 * private List&lt;BlogPostContentEmbedding&gt; contentEmbeddings;
 * </pre>
 *
 * At compile time the starter's annotation processor generates, in the source entity's package, the entity
 * {@code BlogPostContentEmbedding} (the source's primary-key attributes, {@code chunk}, {@code embedding},
 * {@code chunkSeq}, {@code embeddingUuid} and {@code parent}) mapped onto table
 * {@code <source table>_embedding_store}, and the Spring Data repository
 * {@code BlogPostContentEmbeddingRepository}.
 *
 * @see EmbeddingStore
 * @see io.github.pgaispring.repository.EmbeddingStoreRepository
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Vectorized {

	/**
	 * Length of the vectors in the store's {@code embedding vector(N)} column.
	 * @return the number of dimensions
	 */
	int dimensions();

	/**
	 * Schema of the store table. Defaults to the source entity's {@code @Table(schema)}, else the default
	 * schema.
	 * @return the schema name, or empty for the default
	 */
	String targetSchema() default "";

	/**
	 * Name of the store table. Defaults to the source entity's table name followed by
	 * {@code _embedding_store}, like pgai's {@code destination_table()} default.
	 * @return the table name, or empty for the default
	 */
	String targetTable() default "";

	/**
	 * How an embedding loads its {@code parent}: the counterpart of pgai's
	 * {@code parent_kwargs={"lazy": ...}}.
	 * @return the parent fetch strategy
	 */
	ParentFetch parentFetch() default ParentFetch.LAZY;

	/**
	 * Whether to generate a Spring Data repository ({@code <EmbeddingClass>Repository}) for the store.
	 * @return whether to generate the repository
	 */
	boolean repository() default true;

}
