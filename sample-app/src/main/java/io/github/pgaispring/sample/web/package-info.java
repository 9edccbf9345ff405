/**
 * The sample's web layer: the search API and page.
 */
@NullMarked
package io.github.pgaispring.sample.web;

import org.jspecify.annotations.NullMarked;
