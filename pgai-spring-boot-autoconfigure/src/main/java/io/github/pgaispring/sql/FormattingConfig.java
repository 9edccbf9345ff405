package io.github.pgaispring.sql;

/**
 * How each chunk is formatted before it is embedded and stored ({@code formatting=>} of
 * {@code ai.create_vectorizer}).
 */
public sealed interface FormattingConfig extends VectorizerConfigPart
		permits FormattingPythonTemplateConfig, FormattingChunkValueConfig {

	/**
	 * Formats with a Python {@code string.Template} (pgai's {@code PythonTemplateConfig}):
	 * {@code ai.formatting_python_template(template=>...)}.
	 * @param template the template; {@code $chunk} is the chunk and {@code $column} any source column
	 * @return the configuration
	 */
	static FormattingPythonTemplateConfig pythonTemplate(String template) {
		return new FormattingPythonTemplateConfig(template);
	}

	/**
	 * Uses the chunk as it is: {@code ai.formatting_chunk_value()}. Not a SQL function in pgai, whose worker
	 * nevertheless understands the stored form.
	 * @return the configuration
	 */
	static FormattingChunkValueConfig chunkValue() {
		return new FormattingChunkValueConfig();
	}

}
