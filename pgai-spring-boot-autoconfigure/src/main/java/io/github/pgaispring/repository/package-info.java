/**
 * Embedding-store repositories: Spring Data repositories whose derived {@code findNearestBy…} and
 * {@code find…HybridBy…} methods search a vectorizer's store by meaning (and full text), with paging and HNSW settings.
 */
@NullMarked
package io.github.pgaispring.repository;

import org.jspecify.annotations.NullMarked;
