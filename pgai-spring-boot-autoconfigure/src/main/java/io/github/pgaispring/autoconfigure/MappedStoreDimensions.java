package io.github.pgaispring.autoconfigure;

import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * The vector length that the application's {@code @Vectorized} mapping of an embedding store declares, so that a
 * declared migration to other dimensions is refused before it starts.
 */
@FunctionalInterface
interface MappedStoreDimensions {

	/**
	 * The dimensions the mapping of a store declares.
	 * @param schema the store's schema
	 * @param table the store's table
	 * @return the dimensions, or empty when no mapping maps the store
	 */
	OptionalInt of(@Nullable String schema, String table);

}
