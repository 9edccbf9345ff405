package io.github.pgaispring.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.Part.IgnoreCaseType;
import org.springframework.data.repository.query.parser.Part.Type;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.repository.query.parser.PartTree.OrPart;

/**
 * Renders the derived-query conditions of a {@link NearestQueryMethod} as an HQL predicate over the
 * embedding entity {@code e} and its joined parent {@code p}.
 */
final class NearestQueryConditions {

	private static final Set<Type> SUPPORTED = EnumSet.of(Type.SIMPLE_PROPERTY, Type.NEGATING_SIMPLE_PROPERTY,
			Type.GREATER_THAN, Type.GREATER_THAN_EQUAL, Type.LESS_THAN, Type.LESS_THAN_EQUAL, Type.BEFORE, Type.AFTER,
			Type.BETWEEN, Type.IS_NULL, Type.IS_NOT_NULL, Type.TRUE, Type.FALSE, Type.LIKE, Type.NOT_LIKE,
			Type.STARTING_WITH, Type.ENDING_WITH, Type.CONTAINING, Type.NOT_CONTAINING, Type.IN, Type.NOT_IN);

	private static final char ESCAPE = '\\';

	private NearestQueryConditions() {
	}

	/** Fails on keywords the nearest queries do not support. */
	static void check(PartTree tree, String where) {
		for (Part part : tree.getParts()) {
			if (!SUPPORTED.contains(part.getType())) {
				throw NearestQueryMethod.invalid(where, "the keyword " + part.getType().name() + " is not supported in "
						+ "nearest-neighbour conditions");
			}
			boolean text = part.getProperty().getLeafProperty().getType() == String.class;
			if (part.shouldIgnoreCase() == IgnoreCaseType.ALWAYS && !text) {
				throw NearestQueryMethod.invalid(where, "IgnoreCase needs a String property, not "
						+ part.getProperty().toDotPath());
			}
			if (isLike(part.getType()) && part.getProperty().getLeafProperty().isCollection()) {
				throw NearestQueryMethod.invalid(where, part.getType().name() + " needs a String property, not the collection "
						+ part.getProperty().toDotPath());
			}
		}
	}

	/** Whether a condition reaches into the parent. */
	static boolean usesParent(PartTree tree) {
		return tree.getParts().stream().anyMatch((part) -> part.getProperty().getSegment().equals("parent"));
	}

	/**
	 * Renders the conditions for one invocation, adding the parameter values to {@code parameters}.
	 * @param tree the conditions
	 * @param arguments the condition arguments, in order
	 * @param parameters collects named parameter values
	 * @return the HQL predicate
	 */
	static String render(PartTree tree, Object[] arguments, Map<String, Object> parameters) {
		List<String> disjunction = new ArrayList<>();
		int argument = 0;
		for (OrPart or : tree) {
			List<String> conjunction = new ArrayList<>();
			for (Part part : or) {
				conjunction.add(render(part, arguments, argument, parameters));
				argument += part.getNumberOfArguments();
			}
			disjunction.add("(" + String.join(" and ", conjunction) + ")");
		}
		return "(" + String.join(" or ", disjunction) + ")";
	}

	private static String render(Part part, Object[] arguments, int first, Map<String, Object> parameters) {
		String dotPath = part.getProperty().toDotPath();
		String path = dotPath.startsWith("parent.") ? "p." + dotPath.substring("parent.".length())
				: dotPath.equals("parent") ? "p" : "e." + dotPath;
		boolean ignoreCase = part.shouldIgnoreCase() != IgnoreCaseType.NEVER
				&& part.getProperty().getLeafProperty().getType() == String.class && !isIn(part.getType());
		String property = ignoreCase ? "lower(" + path + ")" : path;
		Type type = part.getType();
		return switch (type) {
			case IS_NULL -> path + " is null";
			case IS_NOT_NULL -> path + " is not null";
			case TRUE -> path + " = true";
			case FALSE -> path + " = false";
			case BETWEEN -> property + " between " + value(arguments[first], ignoreCase, parameters) + " and "
					+ value(arguments[first + 1], ignoreCase, parameters);
			case SIMPLE_PROPERTY -> (arguments[first] == null) ? path + " is null"
					: property + " = " + value(arguments[first], ignoreCase, parameters);
			case NEGATING_SIMPLE_PROPERTY -> (arguments[first] == null) ? path + " is not null"
					: property + " <> " + value(arguments[first], ignoreCase, parameters);
			case IN, NOT_IN -> path + ((type == Type.IN) ? " in " : " not in ")
					+ value(asCollection(arguments[first]), false, parameters);
			case GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL, BEFORE, AFTER ->
				property + operator(type) + value(arguments[first], ignoreCase, parameters);
			case LIKE, NOT_LIKE -> property + ((type == Type.LIKE) ? " like " : " not like ")
					+ value(arguments[first], ignoreCase, parameters);
			default -> property + ((type == Type.NOT_CONTAINING) ? " not like " : " like ")
					+ value(pattern(type, arguments[first]), ignoreCase, parameters) + " escape '" + ESCAPE + "'";
		};
	}

	private static String operator(Type type) {
		return switch (type) {
			case GREATER_THAN, AFTER -> " > ";
			case GREATER_THAN_EQUAL -> " >= ";
			case LESS_THAN, BEFORE -> " < ";
			case LESS_THAN_EQUAL -> " <= ";
			default -> throw new IllegalArgumentException("Not a comparison: " + type);
		};
	}

	private static boolean isLike(Type type) {
		return type == Type.STARTING_WITH || type == Type.ENDING_WITH || type == Type.CONTAINING
				|| type == Type.NOT_CONTAINING;
	}

	private static boolean isIn(Type type) {
		return type == Type.IN || type == Type.NOT_IN;
	}

	private static Object asCollection(Object value) {
		if (value instanceof Collection<?> || value == null) {
			return value;
		}
		if (value instanceof Object[] array) {
			return List.of(array);
		}
		return List.of(value);
	}

	private static String pattern(Type type, Object value) {
		String escaped = String.valueOf(value)
			.replace(String.valueOf(ESCAPE), String.valueOf(ESCAPE) + ESCAPE)
			.replace("%", ESCAPE + "%")
			.replace("_", ESCAPE + "_");
		return switch (type) {
			case STARTING_WITH -> escaped + "%";
			case ENDING_WITH -> "%" + escaped;
			default -> "%" + escaped + "%";
		};
	}

	private static String value(Object value, boolean ignoreCase, Map<String, Object> parameters) {
		String name = ":c" + parameters.size();
		parameters.put(name.substring(1), value);
		return ignoreCase ? "lower(" + name + ")" : name;
	}

}
