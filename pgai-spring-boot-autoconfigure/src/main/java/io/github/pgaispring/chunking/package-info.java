/**
 * Text splitters that chunk exactly as pgai's LangChain splitters do (character and recursive character
 * splitting), written by hand because no Java library reproduces LangChain's results (see {@code docs/libraries.md}).
 */
@NullMarked
package io.github.pgaispring.chunking;

import org.jspecify.annotations.NullMarked;
