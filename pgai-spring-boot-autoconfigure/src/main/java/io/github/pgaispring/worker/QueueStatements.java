package io.github.pgaispring.worker;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.pgaispring.sql.PrimaryKeyColumn;
import io.github.pgaispring.sql.SqlLiterals;
import io.github.pgaispring.sql.Vectorizer;

/**
 * The SQL the worker runs against one vectorizer's queue, source and destination, with every identifier
 * quoted. Primary-key values are bound as parameters cast to the key column's own type.
 */
final class QueueStatements {

	private static final String DUE_RETRY = "q.loading_retries > 0 and q.loading_retry_after <= now()";

	private static final String DUE_FIRST_ATTEMPT = "q.loading_retries = 0 "
			+ "and (q.loading_retry_after is null or q.loading_retry_after <= now())";

	private final Vectorizer vectorizer;

	private final List<PrimaryKeyColumn> key;

	private final List<PrimaryKeyType> keyTypes;

	QueueStatements(Vectorizer vectorizer) {
		this.vectorizer = vectorizer;
		this.key = vectorizer.primaryKey();
		this.keyTypes = this.key.stream().map((column) -> PrimaryKeyType.of(column.typeName())).toList();
	}

	List<PrimaryKeyType> keyTypes() {
		return this.keyTypes;
	}

	/** Whether every key column has a binary COPY encoder. */
	boolean binaryCopySupported() {
		return this.keyTypes.stream().allMatch(PrimaryKeyType::hasBinaryFormat);
	}

	/**
	 * Claims queue entries in one statement. It locks up to {@code limit} due queue rows
	 * ({@code FOR UPDATE SKIP LOCKED}), takes pgai's per-key advisory lock
	 * {@code (vectorizer id, hashtext(concat_ws('|', 'col', col, ...)))} so that a key is processed by one
	 * worker at a time, deletes every unlocked queue row of the keys it got (duplicates included) and
	 * returns, per key: the key columns, the highest {@code loading_retries}, then the source row
	 * ({@code s.*}, all null when the row is gone). It claims nothing unless the vectorizer's
	 * {@code ai.vectorizer} row still exists, is enabled and has the given config, so the catalog need
	 * not be read before every batch. Parameters: the vectorizer id, its config as JSON, the limit, the
	 * vectorizer id.
	 * @param retries {@code true} to claim entries that failed before and whose backoff is over,
	 * {@code false} for entries on their first attempt
	 */
	String claim(boolean retries) {
		String queue = this.vectorizer.qualifiedQueue();
		String columns = columns("");
		return """
				with selected as materialized (
				    select %1$s from %2$s q where %3$s and exists (
				        select from ai.vectorizer v where v.id = ? and not v.disabled and v.config = ?::jsonb)
				    limit ? for update skip locked
				), locked as materialized (
				    select %4$s from (select distinct %4$s from selected order by %4$s) candidates
				    where pg_try_advisory_xact_lock(?, hashtext(concat_ws('|', %5$s)))
				), deleted as (
				    delete from %2$s q where q.ctid = any(array(
				        select q2.ctid from %2$s q2 join locked l on %6$s for update of q2 skip locked))
				    returning %1$s, q.loading_retries
				), claimed as (
				    select %4$s, max(loading_retries) as loading_retries from deleted group by %4$s
				)
				select %7$s, c.loading_retries, s.*
				from claimed c
				left join lateral (select * from %8$s s where %9$s limit 1) s on true
				order by %10$s"""
			.formatted(columns("q."), queue, retries ? DUE_RETRY : DUE_FIRST_ATTEMPT, columns, lockKeyFields(),
					equalities("q2.", "l."), selectKeyColumns(), this.vectorizer.qualifiedSource(),
					equalities("s.", "c."), columns("c."));
	}

	/** Reads the key from the first columns of a {@link #claim} result row. */
	PrimaryKey readKey(ResultSet rs) throws SQLException {
		List<Object> values = new ArrayList<>(this.keyTypes.size());
		for (int i = 0; i < this.keyTypes.size(); i++) {
			values.add(this.keyTypes.get(i).read(rs, i + 1));
		}
		return new PrimaryKey(values);
	}

	/**
	 * Locks the source rows of {@code count} keys against deletion and key changes until commit
	 * ({@code FOR KEY SHARE}, in key order), deletes the old chunks of the rows it locked and returns
	 * their key columns. Chunks are deleted only once their source row is locked, so a concurrent
	 * {@code DELETE} of a source row (whose trigger deletes the chunks) cannot deadlock with it; the
	 * chunks of a row deleted earlier were removed by that trigger.
	 */
	String lockSourceRowsAndDeleteChunks(VectorizerDestination.Table target, int count) {
		return """
				with locked as materialized (
				    select %1$s from %2$s where %3$s order by %1$s for key share
				), deleted as (
				    delete from %4$s t where (%5$s) in (select %1$s from locked)
				)
				select %6$s from locked"""
			.formatted(columns(""), this.vectorizer.qualifiedSource(), keyIn(count), target.qualifiedName(),
					columns("t."), selectKeyColumns(""));
	}

	/**
	 * The stored chunks of {@code count} keys, for {@link ChunkReuse}: the key columns, {@code chunk_seq} and the
	 * hex SHA-256 of the chunk's UTF-8 text (the formatted text the embedding was made of). Parameters: the keys.
	 */
	String storedChunkDigests(VectorizerDestination.Table target, int count) {
		String tuple = "(" + keyPlaceholders() + ")";
		return "select " + selectKeyColumns("") + ", chunk_seq, encode(sha256(convert_to(chunk, 'UTF8')), 'hex') from "
				+ target.qualifiedName() + " where (" + columns("") + ") in ("
				+ String.join(", ", Collections.nCopies(count, tuple)) + ")";
	}

	/**
	 * The stored embeddings of {@code count} chunks, for {@link ChunkReuse}: the key columns, {@code chunk_seq} and
	 * the embedding as {@code real[]}. Parameters: per chunk the key, then its {@code chunk_seq}.
	 */
	String storedEmbeddings(VectorizerDestination.Table target, int count) {
		String tuple = "(" + keyPlaceholders() + ", ?::int4)";
		return "select " + selectKeyColumns("") + ", chunk_seq, embedding::real[] from " + target.qualifiedName()
				+ " where (" + columns("") + ", chunk_seq) in (" + String.join(", ", Collections.nCopies(count, tuple))
				+ ")";
	}

	/** Copies chunk rows into the target table. */
	String copyChunks(VectorizerDestination.Table target, boolean binary) {
		return "copy " + target.qualifiedName() + " (" + columns("") + ", chunk_seq, chunk, embedding) from stdin"
				+ (binary ? " (format binary)" : "");
	}

	/** Sets the embedding column of one source row; parameters: the vector, then the key. */
	String updateEmbeddingColumn(VectorizerDestination.Column destination) {
		return "update " + this.vectorizer.qualifiedSource() + " set " + SqlLiterals.quoteIdentifier(destination.column())
				+ " = ? where " + keyEquals();
	}

	/** Re-queues a key for a retry; parameters: the key, the new attempt count, the delay in milliseconds. */
	String requeueForRetry() {
		return "insert into " + this.vectorizer.qualifiedQueue() + " (" + columns("")
				+ ", loading_retries, loading_retry_after) values (" + keyPlaceholders()
				+ ", ?, now() + ? * interval '1 millisecond')";
	}

	/** Moves a key to the failed queue; parameters: the key, the failure step. */
	String insertFailed() {
		return "insert into " + this.vectorizer.qualifiedFailedQueue() + " (" + columns("")
				+ ", failure_step) values (" + keyPlaceholders() + ", ?)";
	}

	/**
	 * Moves rows of the failed queue back to the work queue, optionally only those of one failure step
	 * (parameter: the step's value).
	 */
	String requeueFailed(boolean byStep) {
		return "with moved as (delete from " + this.vectorizer.qualifiedFailedQueue()
				+ (byStep ? " where failure_step = ?" : "") + " returning " + columns("") + ") insert into "
				+ this.vectorizer.qualifiedQueue() + " (" + columns("") + ") select " + columns("") + " from moved";
	}

	/** Binds the key values starting at parameter {@code index}; returns the next parameter index. */
	int bindKey(PreparedStatement statement, int index, PrimaryKey key) throws SQLException {
		for (Object value : key.values()) {
			statement.setObject(index++, value);
		}
		return index;
	}

	/** Binds several keys starting at parameter 1, as {@link #keyIn} expects them. */
	void bindKeys(PreparedStatement statement, Collection<PrimaryKey> keys) throws SQLException {
		int index = 1;
		for (PrimaryKey key : keys) {
			index = bindKey(statement, index, key);
		}
	}

	private String keyIn(int count) {
		String tuple = "(" + keyPlaceholders() + ")";
		return "(" + columns("") + ") in (" + String.join(", ", Collections.nCopies(count, tuple)) + ")";
	}

	private String keyEquals() {
		return this.key.stream().map((column) -> column.quotedName() + " = ?::" + column.typeName())
			.collect(Collectors.joining(" and "));
	}

	private String keyPlaceholders() {
		return this.key.stream().map((column) -> "?::" + column.typeName()).collect(Collectors.joining(", "));
	}

	private String columns(String alias) {
		return join((column) -> alias + column.quotedName());
	}

	private String selectKeyColumns() {
		return selectKeyColumns("c.");
	}

	private String selectKeyColumns(String alias) {
		List<String> expressions = new ArrayList<>();
		for (int i = 0; i < this.key.size(); i++) {
			String column = alias + this.key.get(i).quotedName();
			expressions.add(this.keyTypes.get(i).hasBinaryFormat() ? column : column + "::text");
		}
		return String.join(", ", expressions);
	}

	private String equalities(String left, String right) {
		return this.key.stream().map((column) -> left + column.quotedName() + " = " + right + column.quotedName())
			.collect(Collectors.joining(" and "));
	}

	private String lockKeyFields() {
		return join((column) -> SqlLiterals.string(column.name()) + ", " + column.quotedName());
	}

	private String join(Function<PrimaryKeyColumn, String> mapper) {
		return this.key.stream().map(mapper).collect(Collectors.joining(", "));
	}

}
