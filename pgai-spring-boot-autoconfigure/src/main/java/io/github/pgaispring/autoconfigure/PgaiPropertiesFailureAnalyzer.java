package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;
import org.springframework.validation.ObjectError;

/**
 * Reports a {@code pgai.*} property that cannot be bound: an unknown key (with the nearest valid one), a
 * value of the wrong type, or a value {@link PgaiPropertiesValidator} rejects. Keys are named as the user
 * wrote them (the vectorizer name keeps its underscores), with where they come from. Ordered before Spring
 * Boot's own binding analyzers, which it replaces for {@code pgai.*}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class PgaiPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!ConfigurationPropertyName.of(PgaiPropertyKeys.PREFIX).isAncestorOf(cause.getName())
				&& !ConfigurationPropertyName.of(PgaiPropertyKeys.PREFIX).equals(cause.getName())) {
			return null;
		}
		if (cause.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unknownKeys(unbound, cause);
		}
		if (cause.getCause() instanceof BindValidationException invalid) {
			return invalidValues(invalid, cause);
		}
		return wrongType(cause);
	}

	private static FailureAnalysis unknownKeys(UnboundConfigurationPropertiesException unbound, BindException cause) {
		List<String> problems = new ArrayList<>();
		List<String> fixes = new ArrayList<>();
		for (ConfigurationProperty property : unbound.getUnboundProperties()) {
			String written = written(property);
			Optional<String> nearest = PgaiPropertyKeys.nearest(written);
			problems.add(written + from(property) + " is not a pgai property"
					+ nearest.map((key) -> "; did you mean " + key + " (" + difference(written, key) + ")?").orElse(""));
			fixes.add(nearest.map((key) -> "Write " + key + " instead of " + written + ".")
				.orElseGet(() -> "Remove " + written + ", or use one of the keys its parent has: "
						+ String.join(", ", PgaiPropertyKeys.siblings(written)) + "."));
		}
		return new FailureAnalysis(
				"Unknown pgai configuration key" + ((problems.size() > 1) ? "s" : "") + ":\n  "
						+ String.join("\n  ", problems),
				String.join("\n", fixes) + "\nEvery key is listed in docs/properties.md, and IDEs complete them.", cause);
	}

	private static FailureAnalysis invalidValues(BindValidationException invalid, BindException cause) {
		List<String> problems = new ArrayList<>();
		List<String> fixes = new ArrayList<>();
		for (ObjectError error : invalid.getValidationErrors()) {
			Object[] arguments = error.getArguments();
			if (!PgaiPropertiesValidator.CODE.equals(error.getCode()) || arguments == null || arguments.length < 2) {
				problems.add(String.valueOf(error.getDefaultMessage()));
				continue;
			}
			String key = String.valueOf(arguments[0]);
			ConfigurationProperty property = boundProperty(invalid, key);
			String value = (property != null) ? "=" + property.getValue() : "";
			problems.add(((property != null) ? written(property) : key) + value + from(property) + ": "
					+ error.getDefaultMessage());
			fixes.add(String.valueOf(arguments[1]) + ".");
		}
		return new FailureAnalysis("Invalid pgai configuration:\n  " + String.join("\n  ", problems),
				String.join("\n", fixes), cause);
	}

	private static FailureAnalysis wrongType(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String key = (property != null) ? written(property) : written(cause.getName());
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		Throwable reason = cause.getCause();
		while (reason != null && reason.getCause() != null && reason.getCause() != reason) {
			reason = reason.getCause();
		}
		String value = (property != null) ? "=" + property.getValue() : "";
		String problem = (reason != null) ? reason.getMessage() : "it cannot be converted to " + type.getSimpleName();
		if (type.isEnum() && property != null) {
			problem = "'" + property.getValue() + "' is not " + expected(type) + PgaiPropertyKeys
				.nearestValue(String.valueOf(property.getValue()), type)
				.map((nearest) -> "; did you mean " + nearest + "?")
				.orElse("");
		}
		return new FailureAnalysis("Invalid pgai configuration value " + key + value + from(property) + ": " + problem,
				"Set " + key + " to " + expected(type) + ".", cause);
	}

	/** What a value of the type looks like, e.g. "a duration such as 30s or 500ms". */
	private static String expected(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> PgaiPropertyKeys.valueName((Enum<?>) constant))
				.collect(Collectors.joining(", "));
		}
		if (type == Duration.class) {
			return "a duration such as 30s, 500ms or 5m";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "a number such as 4";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a timestamp such as 2025-01-01T00:00:00Z";
		}
		return "a " + type.getSimpleName() + " value";
	}

	private static @Nullable ConfigurationProperty boundProperty(BindValidationException invalid, String key) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
		return invalid.getValidationErrors()
			.getBoundProperties()
			.stream()
			.filter((property) -> property.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** The key exactly as it was written where the property source keeps it, otherwise with its original elements. */
	static String written(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		if (origin instanceof PropertySourceOrigin source && source.getPropertyName().startsWith(PgaiPropertyKeys.PREFIX)) {
			return source.getPropertyName();
		}
		return written(property.getName());
	}

	static String written(ConfigurationPropertyName name) {
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, Form.ORIGINAL);
			if (name.isNumericIndex(i)) {
				key.append('[').append(element).append(']');
			}
			else {
				key.append((key.length() > 0) ? "." : "").append(element);
			}
		}
		return key.toString();
	}

	private static String from(@Nullable ConfigurationProperty property) {
		Origin origin = (property != null) ? property.getOrigin() : null;
		if (origin instanceof PropertySourceOrigin source) {
			return " (from " + source.getPropertySource().getName() + ")";
		}
		return (origin != null) ? " (from " + origin + ")" : "";
	}

	/** The first element that differs, e.g. "formatting, not formating". */
	private static String difference(String written, String suggested) {
		String[] left = written.split("\\.");
		String[] right = suggested.split("\\.");
		for (int i = 0; i < Math.min(left.length, right.length); i++) {
			if (!left[i].equalsIgnoreCase(right[i])) {
				return right[i] + ", not " + left[i];
			}
		}
		return suggested;
	}

}
