/**
 * Micrometer Observations of the starter: a worker batch ({@code pgai.worker.batch}), an embedding provider
 * call ({@code pgai.embedding}) and a repository search ({@code pgai.search}), with their contexts, default
 * conventions and documented key names ({@link io.github.pgaispring.observation.PgaiObservationDocumentation}).
 * An application changes names or key values with its own convention bean, or adds key values with an
 * {@code ObservationFilter}.
 */
@NullMarked
package io.github.pgaispring.observation;

import org.jspecify.annotations.NullMarked;
