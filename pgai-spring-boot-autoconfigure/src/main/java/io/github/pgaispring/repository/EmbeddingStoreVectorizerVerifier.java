package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerCatalog;
import io.github.pgaispring.sql.VectorizerMigrations;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Checks at startup, once the declared vectorizers exist, that every {@code @Vectorized} mapping has a
 * vectorizer writing its store, with the same dimensions and the parent entity's table as source. While a
 * migration of that vectorizer runs ({@link VectorizerMigrations}), the mapping may declare the dimensions of the
 * new store instead: the repositories read the current store (and embed queries with its model) until the switch.
 */
public final class EmbeddingStoreVectorizerVerifier implements SmartInitializingSingleton {

	private final EntityManagerFactory entityManagerFactory;

	private final VectorizerCatalog vectorizers;

	private final @Nullable VectorizerMigrations migrations;

	/**
	 * Creates the verifier.
	 * @param entityManagerFactory maps the embedding stores
	 * @param vectorizers the vectorizer catalog
	 */
	public EmbeddingStoreVectorizerVerifier(EntityManagerFactory entityManagerFactory, VectorizerCatalog vectorizers) {
		this(entityManagerFactory, vectorizers, null);
	}

	/**
	 * Creates the verifier.
	 * @param entityManagerFactory maps the embedding stores
	 * @param vectorizers the vectorizer catalog
	 * @param migrations the migrations in progress, or {@code null} to accept only the current dimensions
	 */
	public EmbeddingStoreVectorizerVerifier(EntityManagerFactory entityManagerFactory, VectorizerCatalog vectorizers,
			@Nullable VectorizerMigrations migrations) {
		this.entityManagerFactory = entityManagerFactory;
		this.vectorizers = vectorizers;
		this.migrations = migrations;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = new ArrayList<>();
		List<String> fixes = new ArrayList<>();
		for (EmbeddingStoreTable store : EmbeddingStoreTable.all(this.entityManagerFactory)) {
			String mapping = "@Vectorized mapping " + store.parentClass().getSimpleName() + " -> "
					+ store.entityClass().getSimpleName() + " (table " + store.table() + ")";
			String parentTable = EmbeddingStoreTable.tableName(store.parentClass(), this.entityManagerFactory);
			Vectorizer vectorizer = this.vectorizers.findByDestination(store.schema(), store.table()).orElse(null);
			if (vectorizer == null) {
				problems.add(mapping + " has no vectorizer writing its store");
				fixes.add("Declare one under pgai.vectorizers.<name> with source: " + parentTable
						+ " and loading.column: <text column>, or create it with ai.create_vectorizer in a migration.");
				continue;
			}
			EmbeddingConfig embedding = vectorizer.config().embedding();
			if (vectorizer.dimensions() != store.dimensions() && !migratingTo(vectorizer, store.dimensions())) {
				problems.add(mapping + " declares dimensions = " + store.dimensions() + ", but vectorizer '"
						+ vectorizer.name() + "' stores " + vectorizer.dimensions() + "-dimensional embeddings ("
						+ embedding.implementation() + " " + ((embedding.model() != null) ? embedding.model() : "") + ")");
				fixes.add("Set @Vectorized(dimensions = " + vectorizer.dimensions()
						+ ") or change the vectorizer's embedding dimensions.");
			}
			String source = vectorizer.sourceSchema() + "." + vectorizer.sourceTable();
			if (!parentTable.equals(vectorizer.sourceTable()) && !parentTable.equals(source)) {
				problems.add(mapping + " belongs to " + parentTable + ", but vectorizer '" + vectorizer.name()
						+ "' reads " + source);
				fixes.add("Point the vectorizer's source at " + parentTable
						+ " or map the store with @Vectorized(targetTable = ...) of the right vectorizer.");
			}
		}
		if (!problems.isEmpty()) {
			throw new EmbeddingStoreMappingException(problems, fixes);
		}
	}

	/** Whether a migration of the vectorizer to the given dimensions runs. */
	private boolean migratingTo(Vectorizer vectorizer, int dimensions) {
		if (this.migrations == null) {
			return false;
		}
		return this.migrations.findAll()
			.stream()
			.filter((migration) -> migration.vectorizerId() == vectorizer.id())
			.flatMap((migration) -> this.vectorizers.findById(migration.targetId()).stream())
			.anyMatch((target) -> target.dimensions() == dimensions);
	}

}
