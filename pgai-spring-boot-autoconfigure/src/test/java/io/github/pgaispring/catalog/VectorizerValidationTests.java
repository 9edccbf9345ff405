package io.github.pgaispring.catalog;

import javax.sql.DataSource;

import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code ai.create_vectorizer} fails with a message that names the problem, and leaves the database
 * exactly as it was.
 */
@PostgresTest
class VectorizerValidationTests {

	private static final String EMBEDDING = "embedding => ai.embedding_openai('m', 3)";

	private static CatalogSql sql;

	@BeforeAll
	static void installCatalog(DataSource dataSource) {
		sql = CatalogSql.installedIn(dataSource);
		sql.execute("create table posts (id int primary key, title text, body text, views int, raw bytea)",
				"insert into posts values (1, 't', 'b', 0, null)",
				"create table keyless (id int, body text)",
				"create table with_chunk (id int primary key, chunk text, body text)",
				"create table taken_docs (id int primary key, body text)",
				"create table taken_docs_embedding_store (id int)");
		sql.execute("select ai.create_vectorizer('posts'::regclass, name => 'existing', loading => ai.loading_column('body'),"
				+ " embedding => ai.embedding_openai('m', 3), destination => ai.destination_table('existing'))");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			unknown table | 'nope'::regclass, loading => ai.loading_column('body'), EMBEDDING | relation "nope" does not exist
			no primary key | 'keyless'::regclass, loading => ai.loading_column('body'), EMBEDDING | source table must have a primary key constraint
			missing embedding | 'posts'::regclass, loading => ai.loading_column('body') | embedding configuration is required
			missing loading | 'posts'::regclass, EMBEDDING | loading configuration is required
			zero dimensions | 'posts'::regclass, loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 0) | dimensions must be greater than 0, not 0
			negative dimensions | 'posts'::regclass, loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', -5) | dimensions must be greater than 0, not -5
			null dimensions | 'posts'::regclass, loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', null) | dimensions argument is required
			duplicate name | 'posts'::regclass, name => 'existing', loading => ai.loading_column('body'), EMBEDDING | a vectorizer named existing already exists.
			overlap equal to size | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, chunking => ai.chunking_character_text_splitter(100, 100) | chunk_overlap (100) must be less than chunk_size (100)
			overlap above size | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, chunking => ai.chunking_recursive_character_text_splitter(50, 80) | chunk_overlap (80) must be less than chunk_size (50)
			unknown loading column | 'posts'::regclass, loading => ai.loading_column('nope'), EMBEDDING | column_name in config does not exist in the table: nope
			loading column not text | 'posts'::regclass, loading => ai.loading_column('views'), EMBEDDING | column_name views in config is of invalid type int4
			loading bytea | 'posts'::regclass, loading => ai.loading_column('raw'), EMBEDDING | column_name raw in config is of type bytea
			loading uri | 'posts'::regclass, loading => ai.loading_uri('body'), EMBEDDING | ai.loading_uri is not supported
			negative retries | 'posts'::regclass, loading => ai.loading_column('body', -1), EMBEDDING | retries must be a non-negative integer
			template without chunk | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_python_template('$title') | template must contain $chunk placeholder
			source column named chunk | 'with_chunk'::regclass, loading => ai.loading_column('body'), EMBEDDING | formatting_python_template may not be used when source table has a column named "chunk"
			view column clash | 'with_chunk'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_chunk_value() | has a column named "chunk", which clashes
			column destination with chunking | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_column('emb') | chunking must be none for column destination
			column destination on loading column | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_column('body'), chunking => ai.chunking_none() | cannot be a key column or the loading column
			column destination of wrong type | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_column('title'), chunking => ai.chunking_none() | embedding column title of public.posts already exists with type text, not vector(3)
			parsing for documents | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, parsing => ai.parsing_pymupdf() | parsing_pymupdf needs a bytea loading column
			diskann without vectorscale | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, indexing => ai.indexing_diskann() | indexing_diskann needs the vectorscale extension
			hnsw opclass | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, indexing => ai.indexing_hnsw(opclass => 'bit_ops') | invalid opclass "bit_ops"
			hnsw above 4000 dimensions | 'posts'::regclass, loading => ai.loading_column('body'), embedding => ai.embedding_openai('m', 4001), indexing => ai.indexing_hnsw() | an hnsw index supports at most 4000 dimensions, but the embedding has 4001
			timescaledb scheduling | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, scheduling => ai.scheduling_timescaledb() | scheduling_timescaledb needs the timescaledb extension
			batch size zero | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, processing => ai.processing_default(batch_size => 0) | batch_size must be greater than 0
			batch size too large | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, processing => ai.processing_default(batch_size => 2049) | batch_size must be less than or equal to 2048
			concurrency too large | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, processing => ai.processing_default(concurrency => 51) | concurrency must be less than or equal to 50
			unknown embedding | 'posts'::regclass, loading => ai.loading_column('body'), embedding => '{"config_type": "embedding", "implementation": "magic", "model": "m", "dimensions": 3}' | invalid embedding implementation: "magic"
			wrong config type | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, chunking => ai.formatting_chunk_value() | invalid config_type for chunking config
			taken target table | 'taken_docs'::regclass, loading => ai.loading_column('body'), EMBEDDING | an object named public.taken_docs_embedding_store already exists
			taken queue table | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_table('fresh'), queue_table => 'posts' , queue_schema => 'public' | an object named public.posts already exists
			missing queue schema | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_table('fresh'), queue_schema => 'nowhere' | queue schema "nowhere" does not exist
			missing view schema | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, destination => ai.destination_table(view_schema => 'nowhere') | view schema "nowhere" does not exist
			loading disagrees with legacy chunking | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, chunking => ai.chunking_recursive_character_text_splitter('title') | chunking names chunk_column "title" but loading loads column "body"
			target overrides on a column destination | 'posts'::regclass, EMBEDDING, destination => ai.destination_column('emb'), chunking => ai.chunking_character_text_splitter('body'), target_table => 'x' | apply only to a table destination
			trailing legacy parameters with current chunking | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, target_table => 'x' | function ai.create_vectorizer(regclass, loading => jsonb, embedding => jsonb, target_table => unknown) does not exist
			template names a missing column | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_python_template('$title by $author: $chunk') | formatting template '$title by $author: $chunk' uses $author, but public.posts has no column "author" (its columns: id, title, body, views, raw)
			template names a missing braced column | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_python_template('${heading}$chunk') | uses $heading, but public.posts has no column "heading"
			template with a lone dollar | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_python_template('costs 5 $ - $chunk') | has a $ that starts no placeholder
			template with an escaped chunk only | 'posts'::regclass, loading => ai.loading_column('body'), EMBEDDING, formatting => ai.formatting_python_template('$$chunk') | template must contain $chunk placeholder
			sentence transformers | 'posts'::regclass, loading => ai.loading_column('body'), embedding => ai.embedding_sentence_transformers() | invalid embedding implementation: "sentence_transformers"
			""")
	void badInputFailsClearlyAndChangesNothing(String description, String arguments, String message) {
		String before = sql.snapshot();

		assertThat(sql.failure("select ai.create_vectorizer(" + arguments.replace("EMBEDDING", EMBEDDING) + ")"))
			.contains(message);
		assertThat(sql.snapshot()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			upper case | Posts
			dash | my-posts
			leading digit | 1posts
			sql | x'; drop table posts; --
			spaces | my posts
			""")
	void badNamesAreRejectedBeforeAnythingElse(String description, String name) {
		String before = sql.snapshot();

		assertThat(sql.failure("select ai.create_vectorizer('keyless'::regclass, name => '" + name.replace("'", "''")
				+ "')")).startsWith("invalid vectorizer name").contains("HINT: a name starts with a lower-case letter");
		assertThat(sql.snapshot()).isEqualTo(before);
		assertThat(sql.sqlState("select ai.create_vectorizer('keyless'::regclass, name => 'Bad')")).isEqualTo("42602");
	}

	@Test
	void vectorL2OpsIsAccepted() {
		sql.execute("create table l2_docs (id int primary key, body text)");
		assertThat(sql.number("select ai.create_vectorizer('l2_docs'::regclass, loading => ai.loading_column('body'), "
				+ EMBEDDING + ", indexing => ai.indexing_hnsw(opclass => 'vector_l2_ops'))")).isPositive();
	}

	@Test
	void templatesMayUseColumnsBracesEscapesAndTheRetryCount() {
		sql.execute("create table templated_docs (id int primary key, \"Title\" text, body text)");
		assertThat(sql.number("select ai.create_vectorizer('templated_docs'::regclass, loading => ai.loading_column('body'), "
				+ EMBEDDING + ", formatting => ai.formatting_python_template("
				+ "'${Title} costs $$5 (attempt $loading_retries): $chunk'))")).isPositive();
		assertThat(sql.sqlState("select ai.create_vectorizer('templated_docs'::regclass, loading => ai.loading_column('body'), "
				+ EMBEDDING + ", formatting => ai.formatting_python_template('$title: $chunk'), name => 'lower_case')"))
			.as("undefined_column: column names are case-sensitive, as Python's row keys")
			.isEqualTo("42703");
	}

	@Test
	void onnxHelperRejectsUnknownModelsAndMismatchedDimensions() {
		assertThat(sql.failure("select ai.embedding_onnx('gpt-embed')")).contains("unknown onnx embedding model \"gpt-embed\"",
				"known models: all-minilm-l6-v2, bge-small-en-v1.5");
		assertThat(sql.failure("select ai.embedding_onnx('all-minilm-l6-v2', 768)"))
			.contains("onnx model \"all-minilm-l6-v2\" produces 384 dimensions, not 768");
		assertThat(sql.failure("select ai.embedding_voyageai('voyage-3', 1024, input_type => 'both')"))
			.contains("invalid input_type for voyage ai \"both\"");
	}

	@Test
	void onlyTheOwnerMayCreateAVectorizer() {
		String role = "pgai_t_stranger_" + ProcessHandle.current().pid();
		sql.execute("drop role if exists " + role, "create role " + role, "grant " + role + " to current_user",
				"grant usage on schema ai to " + role, "grant select on posts to " + role);
		try {
			String before = sql.snapshot();
			assertThat(sql.failure("set role " + role + "; select ai.create_vectorizer('posts'::regclass,"
					+ " loading => ai.loading_column('body'), " + EMBEDDING + ", name => 'stranger')"))
				.contains("only a superuser or the owner of the source table may create a vectorizer on it");
			assertThat(sql.snapshot()).isEqualTo(before);
		}
		finally {
			sql.execute("drop owned by " + role, "drop role " + role);
		}
	}

}
