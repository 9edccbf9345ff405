package io.github.pgaispring.repository;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.PropertyMatches;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.util.StringUtils;

/**
 * The property nearest to a misspelled one in the condition of a {@code findNearestBy…} method, written as a
 * method name writes it: {@code ParentCategory} for {@code ParentCategry}.
 */
final class ConditionSuggestion {

	private ConditionSuggestion() {
	}

	/**
	 * The suggestion for a condition that did not parse.
	 * @param failure why it did not parse
	 * @return the nearest valid property path, or {@code null} if none is close
	 */
	static @Nullable String of(RuntimeException failure) {
		if (!(failure instanceof PropertyReferenceException ex)) {
			return null;
		}
		String[] matches = PropertyMatches.forField(ex.getPropertyName(), ex.getType().getType()).getPossibleMatches();
		if (matches.length == 0) {
			return null;
		}
		StringBuilder suggestion = new StringBuilder();
		if (ex.getBaseProperty() != null) {
			for (String segment : ex.getBaseProperty().toDotPath().split("\\.")) {
				suggestion.append(StringUtils.capitalize(segment));
			}
		}
		return suggestion.append(StringUtils.capitalize(matches[0])).toString();
	}

}
