package io.github.pgaispring.repository;

import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;

/**
 * Which rows of the ranking one invocation asks for.
 *
 * @param offset how many of the best rows to skip
 * @param size how many rows to return after them, or {@code null} for all (a threshold bounds them)
 * @param pageable the page asked for, or {@code null}
 * @param position the scroll position asked for, or {@code null}
 * @param paged whether the rows are a page of a longer ranking ({@code Pageable} or {@code ScrollPosition})
 * @param lookAhead whether one more row is read to tell whether there is a next page
 */
record SearchRequest(long offset, Integer size, Pageable pageable, OffsetScrollPosition position, boolean paged,
		boolean lookAhead) {

	/** The rows to read from the ranking: offset, size and the look-ahead row; {@code null} for all. */
	Integer rows() {
		return (this.size != null) ? Math.toIntExact(this.offset + this.size + (this.lookAhead ? 1 : 0)) : null;
	}

}
