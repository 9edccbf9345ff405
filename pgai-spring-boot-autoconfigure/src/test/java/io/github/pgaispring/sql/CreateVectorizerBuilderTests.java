package io.github.pgaispring.sql;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Rendering of {@link CreateVectorizer}: the seed example, pgai's own {@code to_sql} cases in corrected
 * form, argument order and the source table rule.
 */
class CreateVectorizerBuilderTests {

	@Test
	void seedPythonExampleTranslatesToShortJava() {
		String sql = CreateVectorizer.source("blog")
			.destination(DestinationConfig.table().withTargetTable("blog_embeddings"))
			.embedding(EmbeddingConfig.openai("text-embedding-3-small", 768))
			.chunking(ChunkingConfig.characterTextSplitter(800, 400)
				.withChunkColumn("content")
				.withSeparator(".")
				.withSeparatorRegex(false))
			.formatting(FormattingConfig.pythonTemplate("$title - $chunk"))
			.toSql();
		assertThat(sql).isEqualTo("""
				SELECT ai.create_vectorizer(
				    'blog'::regclass,
				    destination=>ai.destination_table(target_table=>'blog_embeddings'),
				    embedding=>ai.embedding_openai(model=>'text-embedding-3-small', dimensions=>768),
				    chunking=>ai.chunking_character_text_splitter(chunk_column=>'content', chunk_size=>800, \
				chunk_overlap=>400, separator=>'.', is_separator_regex=>false),
				    formatting=>ai.formatting_python_template(template=>'$title - $chunk')
				)""");
	}

	@Test
	void pgaiMinimalCase() {
		assertThat(CreateVectorizer.source("public.simple_docs").toSql())
			.isEqualTo("SELECT ai.create_vectorizer(\n    'public.simple_docs'::regclass\n)");
	}

	@Test
	void pgaiBasicCaseWithUnquotedNumbers() {
		String sql = CreateVectorizer.source("public.documents")
			.embedding(EmbeddingConfig.openai("text-embedding-ada-002", 1536).withApiKeyName("openai_api_key"))
			.destination(DestinationConfig.table().withTargetSchema("vectorizer").withTargetTable("document_embeddings"))
			.toSql();
		assertThat(sql).isEqualTo("""
				SELECT ai.create_vectorizer(
				    'public.documents'::regclass,
				    destination=>ai.destination_table(target_schema=>'vectorizer', target_table=>'document_embeddings'),
				    embedding=>ai.embedding_openai(model=>'text-embedding-ada-002', dimensions=>1536, \
				api_key_name=>'openai_api_key')
				)""");
	}

	@Test
	void pgaiComplexCaseWithIntervalInSeconds() {
		String sql = CreateVectorizer.source("public.large_documents")
			.loading(LoadingConfig.column("content"))
			.embedding(EmbeddingConfig.openai("text-embedding-ada-002", 1536))
			.chunking(ChunkingConfig.characterTextSplitter(1000, 100))
			.indexing(IndexingConfig.hnsw().withM(16).withEfConstruction(100).withOpclass("vector_l2_ops"))
			.processing(ProcessingConfig.defaults().withBatchSize(100).withConcurrency(4))
			.scheduling(SchedulingConfig.timescaledb(Duration.ofHours(1)))
			.enqueueExisting(true)
			.destination(DestinationConfig.table().withTargetSchema("vectors").withTargetTable("chunked_embeddings"))
			.toSql();
		assertThat(sql).isEqualTo("""
				SELECT ai.create_vectorizer(
				    'public.large_documents'::regclass,
				    destination=>ai.destination_table(target_schema=>'vectors', target_table=>'chunked_embeddings'),
				    loading=>ai.loading_column(column_name=>'content'),
				    embedding=>ai.embedding_openai(model=>'text-embedding-ada-002', dimensions=>1536),
				    chunking=>ai.chunking_character_text_splitter(chunk_size=>1000, chunk_overlap=>100),
				    indexing=>ai.indexing_hnsw(opclass=>'vector_l2_ops', m=>16, ef_construction=>100),
				    scheduling=>ai.scheduling_timescaledb(schedule_interval=>interval '3600 seconds'),
				    processing=>ai.processing_default(batch_size=>100, concurrency=>4),
				    enqueue_existing=>true
				)""");
	}

	@Test
	void everyArgumentRendersInPgaiParameterOrderWhateverTheCallOrder() {
		String sql = CreateVectorizer.source("docs")
			.ifNotExists(true)
			.enqueueExisting(false)
			.grantTo("reader", "o'brien")
			.queueTable("docs_q")
			.queueSchema("queues")
			.processing(ProcessingConfig.defaults().withBatchSize(10))
			.scheduling(SchedulingConfig.none())
			.formatting(FormattingConfig.chunkValue())
			.indexing(IndexingConfig.none())
			.chunking(ChunkingConfig.none())
			.embedding(EmbeddingConfig.onnx())
			.parsing(ParsingConfig.none())
			.loading(LoadingConfig.column("body"))
			.destination(DestinationConfig.column("body_embedding"))
			.name("docs_body")
			.toSql();
		assertThat(sql).isEqualTo("""
				SELECT ai.create_vectorizer(
				    'docs'::regclass,
				    name=>'docs_body',
				    destination=>ai.destination_column(embedding_column=>'body_embedding'),
				    loading=>ai.loading_column(column_name=>'body'),
				    parsing=>ai.parsing_none(),
				    embedding=>ai.embedding_onnx(),
				    chunking=>ai.chunking_none(),
				    indexing=>ai.indexing_none(),
				    formatting=>ai.formatting_chunk_value(),
				    scheduling=>ai.scheduling_none(),
				    processing=>ai.processing_default(batch_size=>10),
				    queue_schema=>'queues',
				    queue_table=>'docs_q',
				    grant_to=>ai.grant_to('reader','o''brien'),
				    enqueue_existing=>false,
				    if_not_exists=>true
				)""");
	}

	@Test
	void emptyGrantToRendersTheEmptyCall() {
		assertThat(CreateVectorizer.source("docs").grantTo().toSql()).contains("grant_to=>ai.grant_to()");
	}

	@Test
	void laterSettingReplacesEarlierOne() {
		String sql = CreateVectorizer.source("docs")
			.embedding(EmbeddingConfig.openai("a", 1))
			.embedding(EmbeddingConfig.ollama("b", 2))
			.toSql();
		assertThat(sql).contains("embedding=>ai.embedding_ollama(model=>'b', dimensions=>2)")
			.doesNotContain("embedding_openai");
	}

	@Test
	void hostileStringsStayInsideTheirLiterals() {
		String sql = CreateVectorizer.source("docs")
			.name("x'); drop table docs; --")
			.formatting(FormattingConfig.pythonTemplate("it's $chunk\n\\end"))
			.toSql();
		assertThat(sql).contains("name=>'x''); drop table docs; --'")
			.contains("formatting=>ai.formatting_python_template(template=>E'it''s $chunk\\n\\\\end')");
	}

	@Test
	void sourceFoldsUnquotedNamesAndQuotesWhereNeeded() {
		assertThat(regclass(CreateVectorizer.source("Public.Blog"))).isEqualTo("'public.blog'::regclass");
		assertThat(regclass(CreateVectorizer.source("\"My Schema\".\"Blog\"")))
			.isEqualTo("'\"My Schema\".\"Blog\"'::regclass");
		assertThat(regclass(CreateVectorizer.source("My Schema", "Blog")))
			.isEqualTo("'\"My Schema\".\"Blog\"'::regclass");
		assertThat(regclass(CreateVectorizer.source("public", "it's \"x\"")))
			.isEqualTo("'public.\"it''s \"\"x\"\"\"'::regclass");
	}

	@Test
	void malformedSourceIsRejectedWithAFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateVectorizer.source("My Schema.Blog"))
			.withMessageContaining("Invalid source table name 'My Schema.Blog'")
			.withMessageContaining("source(schema, table)");
	}

	@Test
	void toStringIsTheSql() {
		CreateVectorizer statement = CreateVectorizer.source("docs").embedding(EmbeddingConfig.onnx());
		assertThat(statement).hasToString(statement.toSql());
	}

	private static String regclass(CreateVectorizer statement) {
		String sql = statement.toSql();
		return sql.substring(sql.indexOf('\n') + 5, sql.lastIndexOf('\n'));
	}

}
