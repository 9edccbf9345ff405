package io.github.pgaispring.repository;

import java.util.List;

import io.github.pgaispring.jpa.EmbeddingStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * A pgai embedding store as its repositories see it: the mapped entity and the physical table.
 *
 * @param entityClass the embedding entity
 * @param parentClass the parent (source) entity
 * @param schema the table's schema, or {@code null} for the connection's current schema
 * @param table the table name
 * @param dimensions the length of the stored vectors
 */
public record EmbeddingStoreTable(Class<?> entityClass, Class<?> parentClass, String schema, String table,
		int dimensions) {

	/**
	 * The name pgai gives a vectorizer writing to this table by default, {@code <schema>_<table>}.
	 * @param defaultSchema the schema to assume when {@link #schema()} is {@code null}, usually
	 * {@code public}
	 * @return the default vectorizer name
	 */
	public String defaultVectorizerName(String defaultSchema) {
		return ((this.schema != null) ? this.schema : defaultSchema) + "_" + this.table;
	}

	/**
	 * Describes the table of an embedding store entity.
	 * @param entityClass an entity generated for {@code @Vectorized}
	 * @param entityManagerFactory the factory that maps it
	 * @return the store
	 * @throws IllegalArgumentException if the class is not an embedding store
	 */
	public static EmbeddingStoreTable of(Class<?> entityClass, EntityManagerFactory entityManagerFactory) {
		EmbeddingStore annotation = entityClass.getAnnotation(EmbeddingStore.class);
		if (annotation == null) {
			throw new IllegalArgumentException(entityClass.getName() + " is no embedding store entity");
		}
		String qualified = tableName(entityClass, entityManagerFactory);
		int dot = qualified.lastIndexOf('.');
		return new EmbeddingStoreTable(entityClass, annotation.parent(), (dot < 0) ? null : qualified.substring(0, dot),
				qualified.substring(dot + 1), annotation.dimensions());
	}

	/**
	 * The table an entity is mapped to, schema-qualified when the mapping names a schema.
	 * @param entityClass any mapped entity
	 * @param entityManagerFactory the factory that maps it
	 * @return the table name as Hibernate writes it in SQL
	 */
	static String tableName(Class<?> entityClass, EntityManagerFactory entityManagerFactory) {
		return ((AbstractEntityPersister) entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getMappingMetamodel()
			.getEntityDescriptor(entityClass)).getTableName();
	}

	/**
	 * Every embedding store an entity manager factory maps.
	 * @param entityManagerFactory the factory
	 * @return the stores
	 */
	public static List<EmbeddingStoreTable> all(EntityManagerFactory entityManagerFactory) {
		return entityManagerFactory.getMetamodel()
			.getEntities()
			.stream()
			.map(EntityType::getJavaType)
			.filter((type) -> type != null && type.isAnnotationPresent(EmbeddingStore.class))
			.<EmbeddingStoreTable>map((type) -> of(type, entityManagerFactory))
			.toList();
	}

}
