package io.github.pgaispring.catalog;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.pgaispring.sql.SetTextIndexing;
import io.github.pgaispring.sql.TextIndexingConfig;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ai.set_text_indexing}: the full-text index of a vectorizer's store, added to, changed on and removed from
 * existing vectorizers, and cleaned up by {@code ai.drop_vectorizer}.
 */
@PostgresTest
class TextIndexingSqlTests {

	private static CatalogSql sql;

	private static DataSource dataSource;

	@BeforeAll
	static void installCatalog(DataSource database) {
		dataSource = database;
		sql = CatalogSql.installedIn(database);
	}

	@Test
	void configHelpersBuildTheStoredJson() {
		assertThat(sql.string("select ai.text_indexing_tsvector()::text"))
			.isEqualTo("{\"language\": \"english\", \"config_type\": \"text_indexing\", \"implementation\": \"tsvector\"}");
		assertThat(sql.string("select ai.text_indexing_tsvector(language => 'simple') ->> 'language'")).isEqualTo("simple");
		assertThat(sql.string("select ai.text_indexing_none()::text"))
			.isEqualTo("{\"config_type\": \"text_indexing\", \"implementation\": \"none\"}");
		assertThat(sql.failure("select ai.text_indexing_tsvector(language => 'klingon')"))
			.contains("text search configuration \"klingon\" does not exist");
	}

	@Test
	void existingChunksAreIndexedAndNewOnesToo() {
		long id = vectorizer("notes");
		sql.execute("insert into notes_embedding_store (id, chunk_seq, chunk, embedding) values (1, 0, 'Frost burst the pipes', '[1,0,0]')");

		assertThat(sql.bool("select ai.set_text_indexing(" + id + ")")).isTrue();

		assertThat(sql.columns("public", "notes_embedding_store"))
			.contains("chunk_tsv tsvector default to_tsvector('english'::regconfig, chunk)");
		assertThat(sql.string("select attgenerated::text from pg_attribute where attrelid = 'notes_embedding_store'::regclass "
				+ "and attname = 'chunk_tsv'")).isEqualTo("s");
		assertThat(sql.indexes("notes_embedding_store")).anySatisfy((index) -> assertThat(index).contains("USING gin (chunk_tsv)"));
		assertThat(sql.string("select config -> 'text_indexing' ->> 'language' from ai.vectorizer where id = ?", id))
			.isEqualTo("english");
		sql.execute("insert into notes_embedding_store (id, chunk_seq, chunk, embedding) values (2, 0, 'Bursting pipes', '[0,1,0]')");
		assertThat(sql.strings("select id::text from notes_embedding_store where chunk_tsv @@ websearch_to_tsquery('english', 'burst pipe') order by id"))
			.containsExactly("1", "2");
		assertThat(sql.bool("select ai.set_text_indexing('public_notes_embedding_store', ai.text_indexing_tsvector('english'))"))
			.isFalse();
	}

	@Test
	void languageChangesRebuildTheIndexAndNoneRemovesIt() {
		long id = vectorizer("pages");
		sql.execute("insert into pages_embedding_store (id, chunk_seq, chunk, embedding) values (1, 0, 'running', '[1,0,0]')");
		sql.execute("select ai.set_text_indexing(" + id + ", ai.text_indexing_tsvector('english'))");
		assertThat(sql.string("select chunk_tsv::text from pages_embedding_store")).isEqualTo("'run':1");

		assertThat(sql.bool("select ai.set_text_indexing(" + id + ", ai.text_indexing_tsvector('simple'))")).isTrue();
		assertThat(sql.string("select chunk_tsv::text from pages_embedding_store")).isEqualTo("'running':1");
		assertThat(sql.indexes("pages_embedding_store")).filteredOn((index) -> index.contains("gin")).hasSize(1);

		assertThat(sql.bool("select ai.set_text_indexing(" + id + ", ai.text_indexing_none())")).isTrue();
		assertThat(sql.columns("public", "pages_embedding_store")).noneMatch((column) -> column.startsWith("chunk_tsv"));
		assertThat(sql.bool("select config -> 'text_indexing' is null from ai.vectorizer where id = ?", id)).isTrue();
		assertThat(sql.bool("select ai.set_text_indexing(" + id + ", ai.text_indexing_none())")).isFalse();
	}

	@Test
	void dropVectorizerRemovesTheTextIndexOfAKeptStore() {
		long kept = vectorizer("kept_notes");
		sql.execute("select ai.set_text_indexing(" + kept + ")");
		sql.execute("select ai.drop_vectorizer(" + kept + ")");
		assertThat(sql.columns("public", "kept_notes_embedding_store")).contains("chunk text not null")
			.noneMatch((column) -> column.startsWith("chunk_tsv"));

		long gone = vectorizer("gone_notes");
		sql.execute("select ai.set_text_indexing(" + gone + ")");
		sql.execute("select ai.drop_vectorizer(" + gone + ", drop_all => true)");
		assertThat(sql.string("select to_regclass('gone_notes_embedding_store')")).isNull();
	}

	@Test
	void badRequestsFailClearlyAndChangeNothing() {
		sql.execute("create table col_notes (id int primary key, body text)");
		long column = sql.number("select ai.create_vectorizer('col_notes'::regclass, loading => ai.loading_column('body'), "
				+ "embedding => ai.embedding_openai('m', 3), chunking => ai.chunking_none(), "
				+ "destination => ai.destination_column('emb'))");
		String before = sql.snapshot();
		assertThat(sql.failure("select ai.set_text_indexing(" + column + ")")).contains("text indexing needs a table destination");
		assertThat(sql.bool("select ai.set_text_indexing(" + column + ", ai.text_indexing_none())")).isFalse();
		assertThat(sql.failure("select ai.set_text_indexing('nope')")).contains("there is no vectorizer named \"nope\"");
		assertThat(sql.failure("select ai.set_text_indexing(" + column + ", '{\"config_type\": \"text_indexing\", "
				+ "\"implementation\": \"bm25\"}')")).contains("invalid text_indexing implementation: \"bm25\"");
		assertThat(sql.failure("select ai.set_text_indexing(" + column + ", '{\"config_type\": \"text_indexing\", "
				+ "\"implementation\": \"tsvector\", \"language\": \"klingon\"}')"))
			.contains("text search configuration \"klingon\" does not exist");
		assertThat(sql.failure("select ai.set_text_indexing(" + column + ", ai.indexing_none())"))
			.contains("invalid config_type for text_indexing config");
		assertThat(sql.snapshot()).isEqualTo(before);
	}

	@Test
	void javaBuilderRendersAndRunsTheCall() throws SQLException {
		long id = vectorizer("builder_notes");
		SetTextIndexing german = SetTextIndexing.id((int) id).textIndexing(TextIndexingConfig.tsvector("german"));
		assertThat(german.toSql()).isEqualTo("SELECT ai.set_text_indexing(" + id
				+ ", ai.text_indexing_tsvector(language=>'german'))");
		assertThat(SetTextIndexing.name("blog").toSql())
			.isEqualTo("SELECT ai.set_text_indexing('blog', ai.text_indexing_tsvector(language=>'english'))");
		try (Connection connection = dataSource.getConnection()) {
			assertThat(german.execute(connection)).isTrue();
			assertThat(german.execute(connection)).isFalse();
			assertThat(SetTextIndexing.id((int) id).textIndexing(TextIndexingConfig.none()).execute(connection)).isTrue();
		}
	}

	private static long vectorizer(String table) {
		sql.execute("create table " + table + " (id int primary key, body text)");
		return sql.number("select ai.create_vectorizer('" + table + "'::regclass, loading => ai.loading_column('body'), "
				+ "embedding => ai.embedding_openai('m', 3), enqueue_existing => false)");
	}

}
