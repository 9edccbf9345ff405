package io.github.pgaispring.jpa;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;

/**
 * Collects the tables of the {@link EmbeddingStore @EmbeddingStore} entities while the session factory is
 * built, which is before Hibernate's schema tooling runs.
 */
final class EmbeddingStoreTableRegistry implements Integrator {

	private final Set<Table> tables = Collections.newSetFromMap(new IdentityHashMap<>());

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		for (PersistentClass entity : metadata.getEntityBindings()) {
			Class<?> mappedClass = entity.getMappedClass();
			if (mappedClass != null && mappedClass.isAnnotationPresent(EmbeddingStore.class)) {
				this.tables.add(entity.getTable());
			}
		}
	}

	boolean isEmbeddingStore(Table table) {
		return this.tables.contains(table);
	}

}
