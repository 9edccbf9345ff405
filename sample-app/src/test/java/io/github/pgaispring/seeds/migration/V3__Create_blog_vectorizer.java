package io.github.pgaispring.seeds.migration;

import java.sql.SQLException;

import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.DestinationConfig;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.LoadingConfig;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates a vectorizer in a Flyway Java migration: the counterpart of pgai's Alembic
 * {@code op.create_vectorizer(source="blog", target_table="blog_embeddings", …)}. pgai's example embeds with
 * {@code OpenAIConfig(model="text-embedding-3-small", dimensions=768)}, which would be
 * {@code EmbeddingConfig.openai("text-embedding-3-small", 768)}; this one uses the in-process model.
 */
public class V3__Create_blog_vectorizer extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		CreateVectorizer.source("blog")
			.name("blog_content")
			.destination(DestinationConfig.table().withTargetTable("blog_embeddings"))
			.loading(LoadingConfig.column("content"))
			.embedding(EmbeddingConfig.onnx("all-minilm-l6-v2", 384))
			.chunking(ChunkingConfig.characterTextSplitter(800, 400).withSeparator(".").withSeparatorRegex(false))
			.formatting(FormattingConfig.pythonTemplate("$title - $chunk"))
			.execute(context.getConnection());
	}

}
