package io.github.pgaispring.sql;

/**
 * Formats each chunk with a Python {@code string.Template}: {@code ai.formatting_python_template}.
 *
 * @param template the template, which must contain {@code $chunk} and may name source columns
 * ({@code $title}), or {@code null} for the server default ({@code $chunk})
 */
public record FormattingPythonTemplateConfig(String template) implements FormattingConfig {

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.formatting_python_template").text("template", this.template).toSql();
	}

}
