/**
 * The annotation processor that generates the embedding-store entity and repository of each
 * {@code @Vectorized} entity at compile time.
 */
@NullMarked
package io.github.pgaispring.jpa.processor;

import org.jspecify.annotations.NullMarked;
