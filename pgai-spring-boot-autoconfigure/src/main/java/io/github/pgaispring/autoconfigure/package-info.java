/**
 * Spring Boot auto-configuration of the starter: the {@code pgai.*} properties, the catalog, the vectorizers declared
 * in yml, the worker, the repositories, and the failure analyzers that explain startup failures.
 */
@NullMarked
package io.github.pgaispring.autoconfigure;

import org.jspecify.annotations.NullMarked;
