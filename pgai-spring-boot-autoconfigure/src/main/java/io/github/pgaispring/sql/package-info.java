/**
 * Java builders for pgai's vectorizer SQL API: {@link io.github.pgaispring.sql.CreateVectorizer},
 * {@link io.github.pgaispring.sql.DropVectorizer} and the configuration types they take, plus
 * {@link io.github.pgaispring.sql.VectorizerConfig#fromJson(String)} to read a stored configuration back and
 * {@link io.github.pgaispring.sql.VectorizerCatalog}, the one reader of {@code ai.vectorizer}, whose
 * {@link io.github.pgaispring.sql.Vectorizer} rows carry their configuration read into these types. The
 * worker, the embedding providers, the repositories and the reconciler of declared vectorizers all use them;
 * the defaults pgai applies to values a stored configuration leaves out are constants of these types
 * ({@link io.github.pgaispring.sql.LoadingConfig#DEFAULT_RETRIES},
 * {@link io.github.pgaispring.sql.IndexingHnswConfig#DEFAULT_MIN_ROWS}, ...).
 * <p>
 * <b>Naming.</b> There is one sealed interface per part of a vectorizer ({@code LoadingConfig},
 * {@code EmbeddingConfig}, {@code ChunkingConfig}, ...). Each implementation is an immutable record named
 * exactly like pgai's Python configuration class ({@code EmbeddingOpenaiConfig},
 * {@code ChunkingCharacterTextSplitterConfig}, ...). The readable entry points are the static factories on
 * the interfaces, named after the SQL function they render, so {@code EmbeddingConfig.openai(...)} is
 * {@code ai.embedding_openai(...)} and stands for pgai's alias {@code OpenAIConfig},
 * {@code ChunkingConfig.characterTextSplitter()} for {@code CharacterTextSplitterConfig} and
 * {@code FormattingConfig.pythonTemplate(...)} for {@code PythonTemplateConfig}. Optional values are
 * refined with {@code with...} methods that return copies. A {@code null} component is left out of the SQL
 * so the server default applies.
 * <p>
 * <b>Rendering.</b> Arguments are named ({@code model=>'...'}), in pgai's parameter order. Unlike pgai's
 * Python {@code to_sql()}: numbers are unquoted, booleans are {@code true}/{@code false}, strings without
 * backslashes or control characters are standard literals with doubled quotes and all other strings are
 * {@code E'...'} literals, so a statement means the same whatever {@code standard_conforming_strings} is;
 * text arrays are {@code ARRAY['a','b']::text[]}, JSON options {@code '{"k":1}'::jsonb}, durations
 * {@code interval '90000 seconds'} (days kept) and timestamps ISO-8601 {@code '...'::timestamptz}. The
 * source table is rendered as a {@code regclass} literal with each name double-quoted where PostgreSQL
 * needs it ({@code '"My Schema"."Blog"'::regclass}).
 */
@NullMarked
package io.github.pgaispring.sql;

import org.jspecify.annotations.NullMarked;
