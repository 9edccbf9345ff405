package io.github.pgaispring.repository;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.core.ResolvableType;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Window;

/**
 * How a query method returns its rows: a container ({@code List}, {@code SearchResults}, {@code Slice},
 * {@code Window}) of elements (entities, {@code SearchResult}s or {@code HybridSearchResult}s).
 *
 * @param container the container
 * @param element the element kind
 * @param elementType the entity type inside the elements
 */
record SearchReturnType(Container container, Element element, ResolvableType elementType) {

	/** The container of the results. */
	enum Container {

		/** A {@code List}, {@code Collection} or {@code Iterable}. */
		LIST,

		/** A {@link SearchResults}. */
		SEARCH_RESULTS,

		/** A {@link Slice} (with a {@code Pageable}). */
		SLICE,

		/** A {@link Window} (with a {@code ScrollPosition}). */
		WINDOW

	}

	/** What each result is. */
	enum Element {

		/** The entity. */
		ENTITY,

		/** A {@link SearchResult} of the entity. */
		SEARCH_RESULT,

		/** A {@link HybridSearchResult} of the entity. */
		HYBRID_RESULT

	}

	static SearchReturnType of(Method method, Class<?> repositoryInterface, boolean hybrid, boolean pageable,
			boolean scroll, String where) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, repositoryInterface);
		Class<?> raw = type.resolve(Object.class);
		Container container;
		if (raw == SearchResults.class) {
			container = Container.SEARCH_RESULTS;
		}
		else if (Page.class.isAssignableFrom(raw)) {
			throw NearestQueryMethod.invalid(where, "a search has no total number of results for a Page; return a "
					+ "Slice with a Pageable parameter");
		}
		else if (raw == Slice.class) {
			container = Container.SLICE;
		}
		else if (raw == Window.class) {
			container = Container.WINDOW;
		}
		else if (raw.isAssignableFrom(List.class) && raw != Object.class) {
			container = Container.LIST;
		}
		else {
			throw NearestQueryMethod.invalid(where, "the return type must be a List, Collection or Iterable, "
					+ "SearchResults, Slice (with a Pageable) or Window (with a ScrollPosition) of the embedding or of "
					+ "the parent entity, of SearchResults" + (hybrid ? " or of HybridSearchResults" : "") + " of them");
		}
		if (container == Container.SLICE && !pageable) {
			throw NearestQueryMethod.invalid(where, "a Slice needs a Pageable parameter");
		}
		if (container == Container.WINDOW && !scroll) {
			throw NearestQueryMethod.invalid(where, "a Window needs a ScrollPosition parameter");
		}
		ResolvableType inner = type.getGeneric(0);
		Element element;
		if (container == Container.SEARCH_RESULTS) {
			element = Element.SEARCH_RESULT;
		}
		else if (inner.resolve() == SearchResult.class) {
			element = Element.SEARCH_RESULT;
			inner = inner.getGeneric(0);
		}
		else if (inner.resolve() == HybridSearchResult.class) {
			if (!hybrid) {
				throw NearestQueryMethod.invalid(where, "HybridSearchResult is for hybrid methods (…HybridBy…); use "
						+ "SearchResult");
			}
			element = Element.HYBRID_RESULT;
			inner = inner.getGeneric(0);
		}
		else {
			element = Element.ENTITY;
		}
		return new SearchReturnType(container, element, inner);
	}

	/** The entity class inside the elements, or {@code null} if unresolvable. */
	Class<?> elementClass() {
		return this.elementType.resolve();
	}

	String elementDescription() {
		return this.elementType.toString();
	}

	/** Whether a row beyond the page is read to tell whether there is a next one. */
	boolean needsLookAhead() {
		return this.container == Container.SLICE || this.container == Container.WINDOW;
	}

	/**
	 * Wraps the rows of a request.
	 * @param rows the rows from the request's offset on, with the look-ahead row if there is one
	 * @param request the request
	 * @param score the score of a row in {@link SearchResult}s
	 * @return the method's result
	 */
	Object wrap(List<RankedRow> rows, SearchRequest request, Function<RankedRow, Score> score) {
		boolean hasNext = request.lookAhead() && request.size() != null && rows.size() > request.size();
		List<RankedRow> page = hasNext ? rows.subList(0, request.size()) : rows;
		List<Object> elements = new ArrayList<>(page.size());
		for (RankedRow row : page) {
			elements.add(switch (this.element) {
				case ENTITY -> row.content();
				case SEARCH_RESULT -> new SearchResult<>(row.content(), score.apply(row));
				case HYBRID_RESULT -> new HybridSearchResult<>(row.content(), row.fusedScore(), row.vectorRank(),
						row.textRank(), row.distance(), row.textScore());
			});
		}
		return switch (this.container) {
			case LIST -> List.copyOf(elements);
			case SEARCH_RESULTS -> new SearchResults<>(castResults(elements));
			case SLICE -> new SliceImpl<>(elements, request.pageable(), hasNext);
			case WINDOW -> Window.from(elements, positions(request), hasNext);
		};
	}

	private static java.util.function.IntFunction<OffsetScrollPosition> positions(SearchRequest request) {
		return request.position().positionFunction();
	}

	@SuppressWarnings("unchecked")
	private static List<SearchResult<Object>> castResults(List<Object> elements) {
		return (List<SearchResult<Object>>) (List<?>) elements;
	}

}
