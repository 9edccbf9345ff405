package io.github.pgaispring.jpa.processor;

import io.github.pgaispring.jpa.ParentFetch;

/**
 * Everything needed to generate the entity and repository of one {@code @Vectorized} attribute.
 *
 * @param packageName package of the parent entity and of the generated types
 * @param className simple name of the generated entity
 * @param parentType qualified (canonical) name of the parent entity
 * @param attribute the parent's {@code @Vectorized} attribute
 * @param dimensions vector length
 * @param schema the store table's schema, or empty for the default
 * @param table the store table's name
 * @param parentFetch how the parent association is fetched
 * @param repository whether to generate a repository
 * @param key the parent's primary key
 */
record EmbeddingStoreSpec(String packageName, String className, String parentType, String attribute,
		int dimensions, String schema, String table, ParentFetch parentFetch, boolean repository, ParentKey key) {

	String qualifiedClassName() {
		return qualify(this.className);
	}

	String repositoryName() {
		return this.className + "Repository";
	}

	String qualifiedRepositoryName() {
		return qualify(repositoryName());
	}

	String qualifiedTable() {
		return this.schema.isEmpty() ? this.table : this.schema + "." + this.table;
	}

	private String qualify(String simpleName) {
		return this.packageName.isEmpty() ? simpleName : this.packageName + "." + simpleName;
	}

}
