package io.github.pgaispring.sample.blog;

import java.util.List;

import io.github.pgaispring.sample.blog.EmbeddingStatus.Vectorizer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the {@link EmbeddingStatus} from pgai's catalog. */
@Component
public class EmbeddingStatusReader {

	private final JdbcClient jdbc;

	private final BlogPostRepository posts;

	private final BlogPostSearch chunks;

	EmbeddingStatusReader(JdbcClient jdbc, BlogPostRepository posts, BlogPostSearch chunks) {
		this.jdbc = jdbc;
		this.posts = posts;
		this.chunks = chunks;
	}

	/**
	 * Reads the current status.
	 * @return the status
	 */
	public EmbeddingStatus read() {
		List<Vectorizer> vectorizers = this.jdbc
			.sql("select name, source_table, target_table, coalesce(pending_items, 0) as pending_items, disabled "
					+ "from ai.vectorizer_status order by name")
			.query((row, number) -> new Vectorizer(row.getString("name"), row.getString("source_table"),
					row.getString("target_table"), row.getLong("pending_items"), row.getBoolean("disabled")))
			.list();
		boolean upToDate = vectorizers.stream().allMatch((vectorizer) -> vectorizer.pendingItems() == 0);
		return new EmbeddingStatus(this.posts.count(), this.chunks.count(), upToDate, vectorizers);
	}

}
