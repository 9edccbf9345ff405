package io.github.pgaispring.seeds.migration;

import java.sql.SQLException;

import io.github.pgaispring.sql.DropVectorizer;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the vectorizer with its embedding table and view in a Flyway Java migration: the counterpart of
 * pgai's Alembic {@code op.drop_vectorizer(…, drop_all=True)}. Flyway migrates forward only, so pgai's
 * {@code downgrade()} becomes a later migration.
 */
public class V4__Drop_blog_vectorizer extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		DropVectorizer.name("blog_content").dropAll(true).execute(context.getConnection());
	}

}
