/**
 * Embedding providers: the {@link io.github.pgaispring.embedding.Embedder} contract, the
 * {@link io.github.pgaispring.embedding.EmbeddingProvider} SPI through which the starter's providers (in-process
 * ONNX models, OpenAI-compatible and Ollama HTTP clients with retries) and an application's own build embedders
 * from a vectorizer's typed embedding configuration, and the
 * {@link io.github.pgaispring.embedding.EmbedderFactory} that picks the provider for a configuration.
 */
@NullMarked
package io.github.pgaispring.embedding;

import org.jspecify.annotations.NullMarked;
