/**
 * The sample application: a blog whose posts are embedded by a vectorizer declared in {@code application.yml}.
 */
@NullMarked
package io.github.pgaispring.sample;

import org.jspecify.annotations.NullMarked;
