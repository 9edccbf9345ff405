/**
 * The sample's blog posts, their repository and searches, and the seed posts.
 */
@NullMarked
package io.github.pgaispring.sample.blog;

import org.jspecify.annotations.NullMarked;
