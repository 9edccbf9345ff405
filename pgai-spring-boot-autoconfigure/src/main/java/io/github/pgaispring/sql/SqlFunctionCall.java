package io.github.pgaispring.sql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a call of a SQL function with named arguments ({@code name=>value}). Arguments whose value is
 * {@code null} are left out, so the function's own default applies.
 */
final class SqlFunctionCall {

	private final String function;

	private final List<String> arguments = new ArrayList<>();

	private SqlFunctionCall(String function) {
		this.function = function;
	}

	/** Starts a call of the given (schema-qualified) function. */
	static SqlFunctionCall of(String function) {
		return new SqlFunctionCall(function);
	}

	/** Adds a positional argument given as a SQL expression. */
	SqlFunctionCall positional(String expression) {
		this.arguments.add(expression);
		return this;
	}

	/** Adds a named argument given as a SQL expression. */
	SqlFunctionCall expression(String name, String expression) {
		return argument(name, expression, Function.identity());
	}

	/** Adds a named text argument. */
	SqlFunctionCall text(String name, String value) {
		return argument(name, value, SqlLiterals::string);
	}

	/** Adds a named integer argument. */
	SqlFunctionCall integer(String name, Integer value) {
		return argument(name, value, String::valueOf);
	}

	/** Adds a named floating point argument. */
	SqlFunctionCall number(String name, Double value) {
		return argument(name, value, SqlLiterals::number);
	}

	/** Adds a named boolean argument. */
	SqlFunctionCall bool(String name, Boolean value) {
		return argument(name, value, String::valueOf);
	}

	/** Adds a named {@code text[]} argument. */
	SqlFunctionCall textArray(String name, List<String> values) {
		return argument(name, values, SqlLiterals::textArray);
	}

	/** Adds a named {@code jsonb} argument holding a JSON object. */
	SqlFunctionCall jsonb(String name, Map<String, ?> value) {
		return argument(name, value, SqlLiterals::jsonb);
	}

	/** Adds a named {@code interval} argument. */
	SqlFunctionCall interval(String name, Duration value) {
		return argument(name, value, SqlLiterals::interval);
	}

	/** Adds a named {@code timestamptz} argument. */
	SqlFunctionCall timestamptz(String name, OffsetDateTime value) {
		return argument(name, value, SqlLiterals::timestamptz);
	}

	/** Adds a named config argument rendered by its {@code toSql()}. */
	SqlFunctionCall config(String name, VectorizerConfigPart value) {
		return argument(name, value, VectorizerConfigPart::toSql);
	}

	private <T> SqlFunctionCall argument(String name, T value, Function<T, String> literal) {
		if (value != null) {
			this.arguments.add(name + "=>" + literal.apply(value));
		}
		return this;
	}

	/** Renders the call on one line, e.g. {@code ai.f(a=>1, b=>'x')}. */
	String toSql() {
		return this.function + "(" + String.join(", ", this.arguments) + ")";
	}

	/** Renders the call with one argument per indented line. */
	String toMultilineSql() {
		return this.function + "(\n    " + String.join(",\n    ", this.arguments) + "\n)";
	}

}
