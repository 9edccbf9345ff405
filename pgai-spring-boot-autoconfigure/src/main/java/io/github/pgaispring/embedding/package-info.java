/**
 * Embedding providers: the {@link io.github.pgaispring.embedding.Embedder} contract, the
 * {@link io.github.pgaispring.embedding.EmbeddingProvider} SPI through which the starter's providers (in-process
 * ONNX models, OpenAI-compatible, Ollama and Voyage AI HTTP clients with retries, the bridge to Spring AI's
 * {@code EmbeddingModel} beans, which needs Spring AI only when used) and an application's own build embedders
 * from a vectorizer's typed embedding configuration, and the
 * {@link io.github.pgaispring.embedding.EmbedderFactory} that picks the provider for a configuration.
 */
@NullMarked
package io.github.pgaispring.embedding;

import org.jspecify.annotations.NullMarked;
