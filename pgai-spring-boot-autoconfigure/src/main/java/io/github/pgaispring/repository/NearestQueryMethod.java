package io.github.pgaispring.repository;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.StringUtils;

/**
 * A nearest-neighbour ({@code …NearestBy…}) or hybrid ({@code …HybridBy…}) query method of an
 * {@link EmbeddingStoreRepository}, parsed from its name and signature at startup following the grammar
 * documented there.
 */
final class NearestQueryMethod {

	private static final Pattern PREFIX = Pattern
		.compile("^(?:find|read|get|query|search|stream)(?:(?:Top|First)\\d*)?(?:Nearest|Hybrid)By");

	private static final Pattern NAME = Pattern.compile("^(?:find|read|get|query|search|stream)(?:(Top|First)(\\d*))?"
			+ "(Nearest|Hybrid)By(" + Arrays.stream(VectorDistance.values())
				.flatMap((distance) -> distance.keywords().stream())
				.collect(Collectors.joining("|"))
			+ ")(?:And(\\p{Lu}.*))?$");

	private final Method method;

	private final boolean hybrid;

	private final VectorDistance distance;

	private final PartTree conditions;

	private final int conditionArguments;

	private final Integer fixedLimit;

	private final Parameters parameters;

	private final boolean returnsParents;

	private final SearchReturnType returnType;

	private final MethodTuning tuning;

	private NearestQueryMethod(Method method, boolean hybrid, VectorDistance distance, PartTree conditions,
			int conditionArguments, Integer fixedLimit, Parameters parameters, boolean returnsParents,
			SearchReturnType returnType, MethodTuning tuning) {
		this.method = method;
		this.hybrid = hybrid;
		this.distance = distance;
		this.conditions = conditions;
		this.conditionArguments = conditionArguments;
		this.fixedLimit = fixedLimit;
		this.parameters = parameters;
		this.returnsParents = returnsParents;
		this.returnType = returnType;
		this.tuning = tuning;
	}

	/** Whether the method is meant as a nearest or hybrid query (and must then parse). */
	static boolean isCandidate(Method method) {
		return !method.isDefault() && PREFIX.matcher(method.getName()).find();
	}

	/**
	 * Parses a query method with the {@linkplain SearchDefaults#defaults() default settings}.
	 * @see #parse(Method, Class, Class, Class, SearchDefaults)
	 */
	static NearestQueryMethod parse(Method method, Class<?> repositoryInterface, Class<?> entityClass,
			Class<?> parentClass) {
		return parse(method, repositoryInterface, entityClass, parentClass, SearchDefaults.defaults());
	}

	/**
	 * Parses a nearest or hybrid query method.
	 * @param method the method
	 * @param repositoryInterface the repository declaring or inheriting it
	 * @param entityClass the embedding entity
	 * @param parentClass the parent entity
	 * @param defaults the application-wide settings
	 * @return the parsed method
	 * @throws IllegalStateException naming the problem if the method is not a valid query method
	 */
	static NearestQueryMethod parse(Method method, Class<?> repositoryInterface, Class<?> entityClass,
			Class<?> parentClass, SearchDefaults defaults) {
		String where = repositoryInterface.getSimpleName() + "." + method.getName();
		Matcher matcher = NAME.matcher(method.getName());
		if (!matcher.matches()) {
			throw invalid(where, "the name must read (find|read|get|query|search|stream)[Top<n>](Nearest|Hybrid)By"
					+ "<Distance>[And<condition>] with <Distance> one of " + keywordList());
		}
		boolean hybrid = "Hybrid".equals(matcher.group(3));
		VectorDistance distance = distanceFor(matcher.group(4));
		Integer fixedLimit = (matcher.group(1) != null)
				? (StringUtils.hasLength(matcher.group(2)) ? Integer.valueOf(matcher.group(2)) : 1) : null;
		PartTree conditions = conditions(matcher.group(5), entityClass, where);
		Class<?>[] types = method.getParameterTypes();
		if (hybrid && (types.length == 0 || types[0] != String.class)) {
			throw invalid(where, "the first parameter of a hybrid search must be the query text (a String)");
		}
		if (types.length == 0 || !isQueryType(types[0])) {
			throw invalid(where, "the first parameter must be the query: a String to embed, or a float[], Vector or "
					+ "List<Float>");
		}
		int conditionArguments = (conditions != null)
				? conditions.getParts().stream().mapToInt((part) -> part.getNumberOfArguments()).sum() : 0;
		if (types.length < 1 + conditionArguments) {
			throw invalid(where, "the conditions need " + conditionArguments + " arguments after the query");
		}
		Parameters parameters = Parameters.of(types, 1 + conditionArguments, fixedLimit != null, hybrid, where);
		if (parameters.threshold >= 0 && types[parameters.threshold] == Similarity.class && !distance.hasSimilarity()) {
			throw invalid(where, distance + " distances have no normalized Similarity; use a Score or double distance");
		}
		SearchReturnType returnType = SearchReturnType.of(method, repositoryInterface, hybrid,
				parameters.pageable >= 0, parameters.scroll >= 0, where);
		Class<?> element = returnType.elementClass();
		boolean returnsParents;
		if (element != null && element.isAssignableFrom(entityClass)) {
			returnsParents = false;
		}
		else if (element != null && element.isAssignableFrom(parentClass)) {
			returnsParents = true;
		}
		else {
			throw invalid(where, "the results must be " + entityClass.getSimpleName() + " or "
					+ parentClass.getSimpleName() + ", not " + returnType.elementDescription());
		}
		MethodTuning tuning = MethodTuning.of(AnnotatedElementUtils.findMergedAnnotation(method, SearchSettings.class),
				defaults, where);
		if (fixedLimit != null && fixedLimit > tuning.maxResults()) {
			throw invalid(where, "Top" + fixedLimit + " asks for more than the " + tuning.maxResults()
					+ " results a search may return (pgai.search.max-results)");
		}
		return new NearestQueryMethod(method, hybrid, distance, conditions, conditionArguments, fixedLimit, parameters,
				returnsParents, returnType, tuning);
	}

	private static PartTree conditions(String source, Class<?> entityClass, String where) {
		if (source == null) {
			return null;
		}
		PartTree tree;
		try {
			tree = new PartTree("findBy" + source, entityClass);
		}
		catch (PropertyReferenceException | IllegalArgumentException ex) {
			throw new InvalidNearestQueryMethodException(where,
					"the condition '" + source + "' does not parse: " + ex.getMessage(), ConditionSuggestion.of(ex));
		}
		if (tree.getSort().isSorted()) {
			throw invalid(where, "results are ordered by distance; remove the OrderBy clause");
		}
		NearestQueryConditions.check(tree, where);
		return tree;
	}

	private static boolean isQueryType(Class<?> type) {
		return type == String.class || type == float[].class || Vector.class.isAssignableFrom(type)
				|| Collection.class.isAssignableFrom(type);
	}

	private static VectorDistance distanceFor(String keyword) {
		return Arrays.stream(VectorDistance.values())
			.filter((distance) -> distance.keywords().contains(keyword))
			.findFirst()
			.orElseThrow();
	}

	private static String keywordList() {
		return Arrays.stream(VectorDistance.values())
			.flatMap((distance) -> distance.keywords().stream())
			.collect(Collectors.joining(", "));
	}

	static InvalidNearestQueryMethodException invalid(String where, String reason) {
		return new InvalidNearestQueryMethodException(where, reason, null);
	}

	Method method() {
		return this.method;
	}

	/** Whether this is a hybrid (full-text and vector) search. */
	boolean isHybrid() {
		return this.hybrid;
	}

	VectorDistance distance() {
		return this.distance;
	}

	/** The derived-query conditions, or {@code null}. */
	PartTree conditions() {
		return this.conditions;
	}

	boolean returnsParents() {
		return this.returnsParents;
	}

	SearchReturnType returnType() {
		return this.returnType;
	}

	MethodTuning tuning() {
		return this.tuning;
	}

	boolean isTextQuery() {
		return this.method.getParameterTypes()[0] == String.class;
	}

	/** The condition arguments of an invocation. */
	Object[] conditionArguments(Object[] arguments) {
		return Arrays.copyOfRange(arguments, 1, 1 + this.conditionArguments);
	}

	/** How many results an invocation asks for after its offset, or {@code null} for all. */
	Integer limit(Object[] arguments) {
		return request(arguments).size();
	}

	/**
	 * Which rows of the ranking an invocation asks for.
	 * @throws InvalidSearchArgumentException if the arguments ask for no or too many rows
	 */
	SearchRequest request(Object[] arguments) {
		String name = this.method.getName();
		if (this.parameters.pageable >= 0) {
			Object value = arguments[this.parameters.pageable];
			if (!(value instanceof Pageable pageable) || pageable.isUnpaged()) {
				throw new InvalidSearchArgumentException("The Pageable of " + name + " must be a page such as "
						+ "PageRequest.of(0, 10), not " + value);
			}
			if (pageable.getSort().isSorted()) {
				throw new InvalidSearchArgumentException("Results of " + name + " are ordered by "
						+ (this.hybrid ? "fused rank" : "distance") + "; pass a Pageable without a Sort, not "
						+ pageable.getSort());
			}
			return checked(new SearchRequest(pageable.getOffset(), pageable.getPageSize(), pageable, null, true,
					this.returnType.needsLookAhead()));
		}
		Integer size = this.fixedLimit;
		if (this.parameters.limit >= 0) {
			Object value = arguments[this.parameters.limit];
			if (value instanceof Limit limit) {
				size = limit.isLimited() ? limit.max() : null;
				if (size != null && size < 1) {
					throw new InvalidSearchArgumentException("The Limit of " + name + " must be at least 1, not " + size);
				}
			}
			else if (value == null || (Integer) value < 1) {
				throw new InvalidSearchArgumentException("The number of results of " + name
						+ " must be at least 1, not " + value);
			}
			else {
				size = (Integer) value;
			}
		}
		if (size == null && this.parameters.threshold < 0) {
			throw new InvalidSearchArgumentException("The Limit of " + name + " must be limited, such as Limit.of(10)");
		}
		long offset = 0;
		OffsetScrollPosition position = null;
		if (this.parameters.scroll >= 0) {
			Object value = arguments[this.parameters.scroll];
			if (!(value instanceof OffsetScrollPosition offsetPosition)) {
				throw new InvalidSearchArgumentException("The ScrollPosition of " + name + " must be an offset, such as "
						+ "ScrollPosition.offset(), not " + value);
			}
			position = offsetPosition;
			// a position names the last row seen; the window starts after it
			offset = position.isInitial() ? 0 : position.getOffset() + 1;
		}
		return checked(new SearchRequest(offset, size, null, position, position != null,
				this.returnType.needsLookAhead()));
	}

	private SearchRequest checked(SearchRequest request) {
		if (request.size() != null && request.offset() + request.size() > this.tuning.maxResults()) {
			throw new InvalidSearchArgumentException(this.method.getName() + " may return at most "
					+ this.tuning.maxResults() + " results, offset included (pgai.search.max-results), but was asked for "
					+ ((request.offset() > 0) ? request.size() + " after offset " + request.offset() : request.size()));
		}
		return request;
	}

	/** The threshold argument of an invocation, or {@code null}. */
	Object threshold(Object[] arguments) {
		return (this.parameters.threshold >= 0) ? arguments[this.parameters.threshold] : null;
	}

	/** Whether the method takes a threshold. */
	boolean hasThreshold() {
		return this.parameters.threshold >= 0;
	}

	/** The weights of a hybrid invocation. */
	HybridWeights weights(Object[] arguments) {
		if (this.parameters.weights < 0) {
			return HybridWeights.EQUAL;
		}
		Object value = arguments[this.parameters.weights];
		if (value == null) {
			throw new InvalidSearchArgumentException("The HybridWeights of " + this.method.getName()
					+ " must not be null");
		}
		return (HybridWeights) value;
	}

	/** Where the arguments after the query and the conditions are, -1 for absent ones. */
	private record Parameters(int limit, int pageable, int scroll, int threshold, int weights) {

		static Parameters of(Class<?>[] types, int first, boolean fixedLimit, boolean hybrid, String where) {
			int limit = -1;
			int pageable = -1;
			int scroll = -1;
			int threshold = -1;
			int weights = -1;
			for (int i = first; i < types.length; i++) {
				Class<?> type = types[i];
				if (type == Limit.class || type == int.class || type == Integer.class) {
					if (limit >= 0 || pageable >= 0 || fixedLimit) {
						throw invalid(where, "the number of results is given twice");
					}
					limit = i;
				}
				else if (Pageable.class.isAssignableFrom(type)) {
					if (limit >= 0 || pageable >= 0 || fixedLimit || scroll >= 0) {
						throw invalid(where, "the number of results is given twice: a Pageable gives it, so drop the "
								+ "Limit, int, Top<n> or ScrollPosition");
					}
					pageable = i;
				}
				else if (ScrollPosition.class.isAssignableFrom(type)) {
					if (scroll >= 0 || pageable >= 0) {
						throw invalid(where, "there can be only one ScrollPosition or Pageable");
					}
					scroll = i;
				}
				else if (!hybrid && (Score.class.isAssignableFrom(type) || type == double.class || type == Double.class)) {
					if (threshold >= 0) {
						throw invalid(where, "there can be only one threshold (Similarity, Score or double)");
					}
					threshold = i;
				}
				else if (hybrid && type == HybridWeights.class) {
					if (weights >= 0) {
						throw invalid(where, "there can be only one HybridWeights");
					}
					weights = i;
				}
				else {
					throw invalid(where, "parameter " + (i + 1) + " (" + type.getSimpleName() + ") is not supported; after "
							+ "the query and the condition arguments come a Limit or int (how many), a Pageable, or a "
							+ "ScrollPosition with a Limit, and "
							+ (hybrid ? "optional HybridWeights" : "a Similarity, Score or double (a threshold)"));
				}
			}
			if (scroll >= 0 && limit < 0 && !fixedLimit) {
				throw invalid(where, "a ScrollPosition needs a Limit, int or Top<n> for the size of the window");
			}
			if (limit < 0 && pageable < 0 && !fixedLimit && threshold < 0) {
				throw invalid(where, "add a Limit or int parameter, a Pageable, Top<n> in the name"
						+ (hybrid ? "" : ", or a threshold parameter") + ", or the query would rank the whole store");
			}
			return new Parameters(limit, pageable, scroll, threshold, weights);
		}

	}

}
