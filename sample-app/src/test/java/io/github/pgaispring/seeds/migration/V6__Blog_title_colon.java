package io.github.pgaispring.seeds.migration;

import java.sql.SQLException;

import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.MigrateVectorizer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Changes the vectorizer's template in a Flyway Java migration without downtime: a new store is built beside
 * {@code blog_embeddings} and the worker switches to it once it has caught up (pgai cannot change a vectorizer, its
 * issue #337).
 */
public class V6__Blog_title_colon extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		MigrateVectorizer.name("blog_content")
			.formatting(FormattingConfig.pythonTemplate("$title: $chunk"))
			.execute(context.getConnection());
	}

}
