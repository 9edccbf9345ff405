/**
 * Embedding providers: the {@link io.github.pgaispring.embedding.Embedder} contract, in-process ONNX models,
 * OpenAI-compatible and Ollama HTTP clients with retries, and the factory that builds an embedder from a
 * vectorizer's stored embedding configuration.
 */
@NullMarked
package io.github.pgaispring.embedding;

import org.jspecify.annotations.NullMarked;
