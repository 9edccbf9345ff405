/**
 * The pgai-compatible {@code ai} catalog and its {@link io.github.pgaispring.catalog.CatalogInstaller installer}.
 * <p>
 * The SQL lives in {@code src/main/resources/io/github/pgaispring/catalog/}: {@code bootstrap.sql} (the installer's
 * bookkeeping tables {@code ai.pgai_spring_migration} and {@code ai.pgai_spring_catalog}), {@code migration/V*.sql}
 * (tables, run once: {@code ai.vectorizer}, {@code ai._vectorizer_errors}, the worker tracking tables and pgai's
 * {@code ai.pgai_lib_*} version tables) and {@code idempotent/*.sql} ({@code create or replace} functions and views:
 * the config helpers, {@code ai.create_vectorizer}, {@code ai.drop_vectorizer}, queue, trigger and index functions).
 * <p>
 * For the worker: {@code ai.vectorizer} holds one row per vectorizer with its config as pgai stores it; rows to
 * embed are queued in {@code <queue_schema>.<queue_table>}; {@code ai._vectorizer_create_vector_index_if_ready(id)}
 * builds the configured vector index once the queue is empty and enough embeddings exist.
 */
package io.github.pgaispring.catalog;
