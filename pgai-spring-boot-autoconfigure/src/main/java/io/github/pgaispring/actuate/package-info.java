/**
 * Spring Boot Actuator support: the {@code pgai} endpoint ({@code /actuator/pgai}: every vectorizer with its
 * queue, failures, errors, workers and backlog progress, and requeueing a vectorizer's failed rows) and the
 * {@code pgai} health contributor.
 */
@NullMarked
package io.github.pgaispring.actuate;

import org.jspecify.annotations.NullMarked;
