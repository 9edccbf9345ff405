/**
 * An application whose vectorizer migrates to another model while it is searched.
 */
@NullMarked
package io.github.pgaispring.autoconfigure.switchfixtures;

import org.jspecify.annotations.NullMarked;
