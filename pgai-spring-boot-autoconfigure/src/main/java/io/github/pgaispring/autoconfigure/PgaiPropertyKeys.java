package io.github.pgaispring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Every key the binder accepts under {@code pgai.}, read from the classes it binds ({@link PgaiProperties} and
 * the {@link VectorizerDefinition} records), and the nearest of them to a misspelled key. A map entry is
 * written {@code *}: {@code pgai.vectorizers.*.formatting.template}; a map of free-form values ends in
 * {@code .*}: {@code pgai.vectorizers.*.embedding.options.*}.
 */
final class PgaiPropertyKeys {

	static final String PREFIX = "pgai";

	private static final List<String> KEYS = List.copyOf(keys(PREFIX, ResolvableType.forClass(PgaiProperties.class)));

	private PgaiPropertyKeys() {
	}

	/** Every key. */
	static List<String> all() {
		return KEYS;
	}

	/**
	 * The valid key nearest to one that is not, with its map entries (the vectorizer name) as written.
	 * @param written the unknown key, as the user wrote it
	 * @return the nearest valid key, if one is close enough to be a misspelling
	 */
	static Optional<String> nearest(String written) {
		String key = written.toLowerCase(Locale.ROOT);
		String[] elements = key.split("\\.");
		return KEYS.stream()
			.map((candidate) -> instantiate(candidate, elements))
			.filter((candidate) -> candidate != null)
			.map((candidate) -> new Candidate(candidate, distance(key, candidate)))
			.filter((candidate) -> candidate.distance() <= Math.max(2, lastElementOf(key).length() / 3))
			.min(Comparator.comparingInt(Candidate::distance))
			.map(Candidate::key);
	}

	/** The valid keys directly below the deepest valid parent of a key, e.g. the sections of a vectorizer. */
	static List<String> siblings(String written) {
		String[] elements = written.toLowerCase(Locale.ROOT).split("\\.");
		for (int depth = elements.length - 1; depth > 0; depth--) {
			int parentDepth = depth;
			List<String> children = KEYS.stream()
				.map((candidate) -> instantiate(candidate, elements))
				.filter((candidate) -> candidate != null)
				.map((candidate) -> candidate.split("\\."))
				.filter((candidate) -> candidate.length > parentDepth && sameStart(candidate, elements, parentDepth))
				.map((candidate) -> candidate[parentDepth] + ((candidate.length > parentDepth + 1) ? ".*" : ""))
				.distinct()
				.toList();
			if (!children.isEmpty()) {
				return children;
			}
		}
		return List.of();
	}

	/** How a value of an enum is written: {@code RECURSIVE_CHARACTER_TEXT_SPLITTER} is {@code recursive-character-text-splitter}. */
	static String valueName(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static boolean sameStart(String[] candidate, String[] elements, int depth) {
		for (int i = 0; i < depth; i++) {
			if (!candidate[i].equals(elements[i])) {
				return false;
			}
		}
		return true;
	}

	/** The candidate with its {@code *} elements replaced by the written ones, or {@code null} if it cannot match. */
	private static @Nullable String instantiate(String candidate, String[] written) {
		String[] elements = candidate.split("\\.");
		List<String> result = new ArrayList<>();
		for (int i = 0; i < elements.length; i++) {
			if (!"*".equals(elements[i])) {
				result.add(elements[i]);
			}
			else if (i < written.length) {
				result.add(written[i]);
			}
			else {
				return null;
			}
		}
		return String.join(".", result);
	}

	private static String lastElementOf(String key) {
		return key.substring(key.lastIndexOf('.') + 1);
	}

	/** The value of an enum nearest to a misspelled one, if one is close enough. */
	static Optional<String> nearestValue(String written, Class<?> enumType) {
		String value = written.toLowerCase(Locale.ROOT);
		return Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> valueName((Enum<?>) constant))
			.map((candidate) -> new Candidate(candidate, distance(value, candidate)))
			.filter((candidate) -> candidate.distance() <= Math.max(2, value.length() / 3))
			.min(Comparator.comparingInt(Candidate::distance))
			.map(Candidate::key);
	}

	/** Levenshtein distance, ignoring the difference between {@code _} and {@code -}. */
	private static int distance(String a, String b) {
		String left = a.replace('_', '-');
		String right = b.replace('_', '-');
		int[] previous = new int[right.length() + 1];
		int[] current = new int[right.length() + 1];
		for (int j = 0; j <= right.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= left.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= right.length(); j++) {
				int substitution = previous[j - 1] + ((left.charAt(i - 1) == right.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[right.length()];
	}

	private static List<String> keys(String prefix, ResolvableType type) {
		Class<?> raw = type.toClass();
		List<String> keys = new ArrayList<>();
		if (isValue(raw) || Collection.class.isAssignableFrom(raw)) {
			keys.add(prefix);
		}
		else if (Map.class.isAssignableFrom(raw)) {
			ResolvableType value = type.asMap().getGeneric(1);
			keys.addAll((value.toClass() == Object.class) ? List.of(prefix + ".*") : keys(prefix + ".*", value));
		}
		else if (raw.isRecord()) {
			for (RecordComponent component : raw.getRecordComponents()) {
				keys.addAll(keys(prefix + "." + dashed(component.getName()),
						ResolvableType.forType(component.getGenericType())));
			}
		}
		else {
			for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(raw)) {
				if (property.getReadMethod() != null && !"class".equals(property.getName())) {
					Type generic = property.getReadMethod().getGenericReturnType();
					keys.addAll(keys(prefix + "." + dashed(property.getName()), ResolvableType.forType(generic)));
				}
			}
		}
		return keys;
	}

	private static boolean isValue(Class<?> type) {
		return ClassUtils.isPrimitiveOrWrapper(type) || type == String.class || type.isEnum()
				|| type == Duration.class || Temporal.class.isAssignableFrom(type);
	}

	static String dashed(String javaName) {
		StringBuilder dashed = new StringBuilder();
		for (char c : javaName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

	private record Candidate(String key, int distance) {

	}

}
