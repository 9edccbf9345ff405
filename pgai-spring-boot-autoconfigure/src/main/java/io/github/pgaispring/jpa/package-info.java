/**
 * JPA mapping of embedding stores: {@link io.github.pgaispring.jpa.Vectorized @Vectorized} source entities and the
 * store entities generated for them, with the relationship both ways.
 */
@NullMarked
package io.github.pgaispring.jpa;

import org.jspecify.annotations.NullMarked;
