/**
 * The pgai-compatible {@code ai} catalog and its {@link io.github.pgaispring.catalog.CatalogInstaller installer}.
 * <p>
 * The SQL lives in {@code src/main/resources/io/github/pgaispring/catalog/}:
 * <ul>
 * <li>{@code bootstrap.sql}: the installer's bookkeeping tables {@code ai.pgai_spring_migration} and
 * {@code ai.pgai_spring_catalog};</li>
 * <li>{@code migration/V*.sql}: tables, run once. {@code V001} and {@code V002} create exactly what pgai 0.12.1's
 * installer creates ({@code ai.vectorizer}, {@code ai._vectorizer_errors}, the worker tracking tables, pgai's
 * {@code ai.pgai_lib_*} version tables with pgai's migrations recorded), so a catalog that pgai's installer prepared
 * records them without running them. Later migrations run on such catalogs too, so they may create and change only
 * the starter's own objects, never pgai's;</li>
 * <li>{@code idempotent/*.sql}: the starter's implementation of pgai's SQL API ({@code create or replace} functions
 * and views with pgai's exact signatures: the config helpers, {@code ai.create_vectorizer}, {@code ai.drop_vectorizer},
 * queue, trigger and index functions), installed only while the starter provides that API;</li>
 * <li>{@code additions/*.sql}: the starter's additions ({@code ai.embedding_onnx}, {@code ai.formatting_chunk_value},
 * the legacy chunking helpers and {@code ai.create_vectorizer} forms, {@code ai.execute_vectorizer(int4)}, text
 * indexing, and the helpers these share with the implementation of pgai's SQL API), with
 * signatures pgai does not use, calling only pgai's public functions, so that they work over pgai's own SQL API as
 * well; installed on every catalog.</li>
 * </ul>
 * <p>
 * For the worker: {@code ai.vectorizer} holds one row per vectorizer with its config as pgai stores it; rows to
 * embed are queued in {@code <queue_schema>.<queue_table>}.
 */
@NullMarked
package io.github.pgaispring.catalog;

import org.jspecify.annotations.NullMarked;
