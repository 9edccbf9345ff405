package io.github.pgaispring.repository;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.ResolvableType;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.StringUtils;

/**
 * A nearest-neighbour query method of an {@link EmbeddingStoreRepository}, parsed from its name and
 * signature at startup following the grammar documented there.
 */
final class NearestQueryMethod {

	private static final Pattern PREFIX = Pattern.compile("^(?:find|read|get|query|search|stream)(?:(?:Top|First)\\d*)?NearestBy");

	private static final Pattern NAME = Pattern.compile("^(?:find|read|get|query|search|stream)(?:(Top|First)(\\d*))?NearestBy("
			+ Arrays.stream(VectorDistance.values())
				.flatMap((distance) -> distance.keywords().stream())
				.collect(Collectors.joining("|"))
			+ ")(?:And(\\p{Lu}.*))?$");

	private final Method method;

	private final VectorDistance distance;

	private final PartTree conditions;

	private final int conditionArguments;

	private final Integer fixedLimit;

	private final int limitIndex;

	private final int thresholdIndex;

	private final boolean returnsParents;

	private final ResultContainer container;

	private NearestQueryMethod(Method method, VectorDistance distance, PartTree conditions, int conditionArguments,
			Integer fixedLimit, int limitIndex, int thresholdIndex, boolean returnsParents, ResultContainer container) {
		this.method = method;
		this.distance = distance;
		this.conditions = conditions;
		this.conditionArguments = conditionArguments;
		this.fixedLimit = fixedLimit;
		this.limitIndex = limitIndex;
		this.thresholdIndex = thresholdIndex;
		this.returnsParents = returnsParents;
		this.container = container;
	}

	/** Whether the method is meant as a nearest query (and must then parse). */
	static boolean isCandidate(Method method) {
		return !method.isDefault() && PREFIX.matcher(method.getName()).find();
	}

	/**
	 * Parses a nearest query method.
	 * @param method the method
	 * @param repositoryInterface the repository declaring or inheriting it
	 * @param entityClass the embedding entity
	 * @param parentClass the parent entity
	 * @return the parsed method
	 * @throws IllegalStateException naming the problem if the method is not a valid nearest query
	 */
	static NearestQueryMethod parse(Method method, Class<?> repositoryInterface, Class<?> entityClass,
			Class<?> parentClass) {
		String where = repositoryInterface.getSimpleName() + "." + method.getName();
		Matcher matcher = NAME.matcher(method.getName());
		if (!matcher.matches()) {
			throw invalid(where, "the name must read (find|read|get|query|search|stream)[Top<n>]NearestBy<Distance>"
					+ "[And<condition>] with <Distance> one of " + keywordList());
		}
		VectorDistance distance = distanceFor(matcher.group(3));
		Integer fixedLimit = (matcher.group(1) != null)
				? (StringUtils.hasLength(matcher.group(2)) ? Integer.valueOf(matcher.group(2)) : 1) : null;
		PartTree conditions = conditions(matcher.group(4), entityClass, where);
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length == 0 || !isQueryType(parameters[0])) {
			throw invalid(where, "the first parameter must be the query: a String to embed, or a float[], Vector or "
					+ "List<Float>");
		}
		int conditionArguments = (conditions != null) ? conditions.getParts().stream().mapToInt((part) -> part.getNumberOfArguments()).sum() : 0;
		if (parameters.length < 1 + conditionArguments) {
			throw invalid(where, "the conditions need " + conditionArguments + " arguments after the query");
		}
		int limitIndex = -1;
		int thresholdIndex = -1;
		for (int i = 1 + conditionArguments; i < parameters.length; i++) {
			Class<?> type = parameters[i];
			if (type == Limit.class || type == int.class || type == Integer.class) {
				if (limitIndex >= 0 || fixedLimit != null) {
					throw invalid(where, "the number of results is given twice");
				}
				limitIndex = i;
			}
			else if (Score.class.isAssignableFrom(type) || type == double.class || type == Double.class) {
				if (thresholdIndex >= 0) {
					throw invalid(where, "there can be only one threshold (Similarity, Score or double)");
				}
				thresholdIndex = i;
			}
			else {
				throw invalid(where, "parameter " + (i + 1) + " (" + type.getSimpleName() + ") is not supported; after "
						+ "the query and the condition arguments come a Limit or int (how many) and a Similarity, "
						+ "Score or double (a threshold)");
			}
		}
		if (limitIndex < 0 && fixedLimit == null && thresholdIndex < 0) {
			throw invalid(where, "add a Limit or int parameter, Top<n> in the name, or a threshold parameter, "
					+ "or the query would rank the whole store");
		}
		if (thresholdIndex >= 0 && parameters[thresholdIndex] == Similarity.class && !distance.hasSimilarity()) {
			throw invalid(where, distance + " distances have no normalized Similarity; use a Score or double distance");
		}
		ResolvableType returnType = ResolvableType.forMethodReturnType(method, repositoryInterface);
		ResultContainer container = ResultContainer.of(returnType);
		if (container == null) {
			throw invalid(where, "the return type must be a List, Collection or Iterable, SearchResults or "
					+ "List<SearchResult> of the embedding or of the parent entity");
		}
		Class<?> element = container.elementType(returnType).resolve();
		boolean returnsParents;
		if (element != null && element.isAssignableFrom(entityClass)) {
			returnsParents = false;
		}
		else if (element != null && element.isAssignableFrom(parentClass)) {
			returnsParents = true;
		}
		else {
			throw invalid(where, "the results must be " + entityClass.getSimpleName() + " or "
					+ parentClass.getSimpleName() + ", not " + container.elementType(returnType));
		}
		return new NearestQueryMethod(method, distance, conditions, conditionArguments, fixedLimit, limitIndex,
				thresholdIndex, returnsParents, container);
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

	ResultContainer container() {
		return this.container;
	}

	boolean isTextQuery() {
		return this.method.getParameterTypes()[0] == String.class;
	}

	/** The condition arguments of an invocation. */
	Object[] conditionArguments(Object[] arguments) {
		return Arrays.copyOfRange(arguments, 1, 1 + this.conditionArguments);
	}

	/** How many results an invocation asks for, or {@code null} for all. */
	Integer limit(Object[] arguments) {
		if (this.fixedLimit != null) {
			return this.fixedLimit;
		}
		if (this.limitIndex < 0) {
			return null;
		}
		Object value = arguments[this.limitIndex];
		if (value instanceof Limit limit) {
			return limit.isLimited() ? limit.max() : null;
		}
		if (value == null || (Integer) value < 1) {
			throw new IllegalArgumentException("The number of results of " + this.method.getName()
					+ " must be at least 1, not " + value);
		}
		return (Integer) value;
	}

	/** The threshold argument of an invocation, or {@code null}. */
	Object threshold(Object[] arguments) {
		return (this.thresholdIndex >= 0) ? arguments[this.thresholdIndex] : null;
	}

	/** How results are returned. */
	enum ResultContainer {

		/** A {@code List} (or {@code Collection}, {@code Iterable}) of entities. */
		LIST,

		/** A {@link SearchResults}. */
		SEARCH_RESULTS,

		/** A {@code List<SearchResult<…>>}. */
		SEARCH_RESULT_LIST;

		static ResultContainer of(ResolvableType returnType) {
			Class<?> type = returnType.resolve(Object.class);
			if (type == SearchResults.class) {
				return SEARCH_RESULTS;
			}
			if (type.isAssignableFrom(List.class) && type != Object.class) {
				return (returnType.getGeneric(0).resolve() == SearchResult.class) ? SEARCH_RESULT_LIST : LIST;
			}
			return null;
		}

		ResolvableType elementType(ResolvableType returnType) {
			ResolvableType element = returnType.getGeneric(0);
			return (this == SEARCH_RESULT_LIST) ? element.getGeneric(0) : element;
		}

		Object wrap(List<SearchResult<Object>> results) {
			return switch (this) {
				case LIST -> results.stream().map(SearchResult::getContent).toList();
				case SEARCH_RESULTS -> new SearchResults<>(results);
				case SEARCH_RESULT_LIST -> results;
			};
		}

	}

}
