package io.github.pgaispring.jpa;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps Hibernate's schema tooling (create, drop, update, validate, truncate) away from embedding store
 * tables, applying another provider's filters to everything else.
 */
final class EmbeddingStoreSchemaFilterProvider implements SchemaFilterProvider {

	private final SchemaFilterProvider delegate;

	private final EmbeddingStoreTableRegistry registry;

	EmbeddingStoreSchemaFilterProvider(SchemaFilterProvider delegate, EmbeddingStoreTableRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public SchemaFilter getCreateFilter() {
		return excludingStores(this.delegate.getCreateFilter());
	}

	@Override
	public SchemaFilter getDropFilter() {
		return excludingStores(this.delegate.getDropFilter());
	}

	@Override
	public SchemaFilter getTruncatorFilter() {
		return excludingStores(this.delegate.getTruncatorFilter());
	}

	@Override
	public SchemaFilter getMigrateFilter() {
		return excludingStores(this.delegate.getMigrateFilter());
	}

	@Override
	public SchemaFilter getValidateFilter() {
		return excludingStores(this.delegate.getValidateFilter());
	}

	private SchemaFilter excludingStores(SchemaFilter filter) {
		return new SchemaFilter() {

			@Override
			public boolean includeNamespace(Namespace namespace) {
				return filter.includeNamespace(namespace);
			}

			@Override
			public boolean includeTable(Table table) {
				return !EmbeddingStoreSchemaFilterProvider.this.registry.isEmbeddingStore(table)
						&& filter.includeTable(table);
			}

			@Override
			public boolean includeSequence(Sequence sequence) {
				return filter.includeSequence(sequence);
			}

		};
	}

}
