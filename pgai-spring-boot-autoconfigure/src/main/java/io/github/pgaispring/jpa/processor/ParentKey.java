package io.github.pgaispring.jpa.processor;

import java.util.List;

/**
 * The primary key of a source entity, as its embedding store copies it: either basic attributes (a single
 * {@code @Id} or the {@code @Id}s of an {@code @IdClass}) or one {@code @EmbeddedId}.
 *
 * @param attributes the basic key attributes, empty for an embedded id
 * @param embedded the embedded id, or {@code null}
 */
record ParentKey(List<KeyAttribute> attributes, EmbeddedKey embedded) {

	/** Logical names of the key columns, in mapping order. */
	List<String> columns() {
		return (this.embedded != null) ? this.embedded.columns().stream().map(KeyColumn::column).toList()
				: this.attributes.stream().map(KeyAttribute::column).toList();
	}

	/** Names of the attributes the store entity declares for the key. */
	List<String> attributeNames() {
		return (this.embedded != null) ? List.of(this.embedded.name())
				: this.attributes.stream().map(KeyAttribute::name).toList();
	}

	/**
	 * A basic key attribute.
	 *
	 * @param name the attribute name
	 * @param type the Java type, as source text
	 * @param column the logical column name
	 */
	record KeyAttribute(String name, String type, String column) {

	}

	/**
	 * An {@code @EmbeddedId} attribute.
	 *
	 * @param name the attribute name
	 * @param type the embeddable's qualified name
	 * @param columns the embeddable's attributes and their (possibly overridden) column names
	 */
	record EmbeddedKey(String name, String type, List<KeyColumn> columns) {

	}

	/**
	 * One attribute of an embedded key.
	 *
	 * @param attribute the embeddable's attribute name
	 * @param column the logical column name
	 */
	record KeyColumn(String attribute, String column) {

	}

}
