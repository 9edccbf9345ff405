package io.github.pgaispring.worker;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

	/**
	 * Settings for the rest of a batch transaction, sent in the round trip of its claim.
	 * <p>
	 * {@code synchronous_commit = off}: the commit does not wait for the WAL flush. A batch's claim (the
	 * deleted queue entries) and its chunks are in the same transaction, so a database crash that loses
	 * the last batches loses both: their rows are queued again and embedded again, none is lost or stored
	 * twice. A later synchronous commit (any application transaction) flushes them too.
	 * <p>
	 * {@code enable_seqscan = off}: every statement of a batch looks rows up by key (queue, source, chunk
	 * table), and a freshly filled queue or chunk table has no statistics yet, with which PostgreSQL's
	 * default estimates make some plans scan the whole table once per batch (quadratic in the backlog).
	 * Queue scans are TID range scans, which this does not affect. Triggers on the destination run with
	 * these settings too.
	 * <p>
	 * {@code jit = off}: the same default estimates (thousands of rows per key of a table without statistics)
	 * put the cost of the per-key statements above {@code jit_above_cost}, and PostgreSQL then compiled them
	 * at every execution (JIT code is not cached with the plan): in a backfill of 60,000 rows the digest read
	 * spent 4.1 of its 4.8 s, and the lock and delete 0.5 of 2.5 s, compiling statements that touch a few
	 * hundred index entries.
	 */
	static final String BATCH_TRANSACTION_SETTINGS = "set local synchronous_commit to off; "
			+ "set local enable_seqscan to off; set local jit to off; ";

	/** Prefix of the transaction-local settings in which a claim notes its keys, one per key column (from 1). */
	private static final String CLAIMED_KEYS_SETTING = "pgai.claimed_keys_";

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
	 * ({@code FOR UPDATE SKIP LOCKED}), scanning the queue from a heap position (page) onwards and then,
	 * if that part held fewer due rows, from its start up to that position; takes pgai's per-key advisory
	 * lock {@code (vectorizer id, hashtext(concat_ws('|', 'col', col, ...)))} so that a key is processed by
	 * one worker at a time; deletes every unlocked queue row of the keys it got (duplicates included) and
	 * returns, per key: the key columns, the highest {@code loading_retries}, the highest heap page the
	 * claim selected from (where the next claim starts), then the source row ({@code s.*}, all null when
	 * the row is gone). It claims nothing unless the vectorizer's {@code ai.vectorizer} row still exists,
	 * is enabled and has the given config, so the catalog need not be read before every batch. It notes the
	 * claimed keys in transaction-local settings ({@code set_config}, see {@link #beforeClaim}), from which
	 * {@link #storedChunkDigests}, the next statement of the round trip, reads them.
	 * <p>
	 * Starting where the previous claim ended keeps a claim's cost independent of the backlog: the rows
	 * claimed before leave dead tuples at the start of the heap until vacuum removes them, which a scan
	 * from the start reads again for every batch (quadratic in the backlog). Per-key lookups are lateral
	 * so that the planner probes the key index whatever the (possibly stale) statistics of a fresh queue
	 * say. Parameters: see {@link #bindClaim}.
	 * @param retries {@code true} to claim entries that failed before and whose backoff is over,
	 * {@code false} for entries on their first attempt
	 */
	String claim(boolean retries) {
		String queue = this.vectorizer.qualifiedQueue();
		String columns = columns("");
		return """
				with valid as materialized (
				    select from ai.vectorizer v where v.id = ? and not v.disabled and v.config = ?::jsonb
				), tail as materialized (
				    select %1$s, q.ctid from %2$s q where q.ctid >= ?::tid and %3$s and exists (select from valid)
				    limit ? for update skip locked
				), head as materialized (
				    select %1$s, q.ctid from %2$s q where q.ctid < ?::tid and %3$s and exists (select from valid)
				    limit greatest(? - (select count(*) from tail), 0) for update skip locked
				), selected as (
				    select * from tail union all select * from head
				), locked as materialized (
				    select %4$s from (select distinct %4$s from selected order by %4$s) candidates
				    where pg_try_advisory_xact_lock(?, hashtext(concat_ws('|', %5$s)))
				), deleted as (
				    delete from %2$s q where q.ctid = any(array(
				        select d.ctid from locked l
				        cross join lateral (select q2.ctid from %2$s q2 where %6$s for update skip locked) d))
				    returning %1$s, q.loading_retries
				), claimed as materialized (
				    select %4$s, max(loading_retries) as loading_retries from deleted group by %4$s
				), noted as materialized (
				    select %11$s from claimed
				)
				select %7$s, c.loading_retries,
				    (select max((ctid::text::point)[0])::int from selected) as pgai_claim_page, s.*
				from noted cross join claimed c
				left join lateral (select * from %8$s s where %9$s limit 1) s on true
				order by %10$s"""
			.formatted(columns("q."), queue, retries ? DUE_RETRY : DUE_FIRST_ATTEMPT, columns, lockKeyFields(),
					equalities("q2.", "l."), selectKeyColumns(), this.vectorizer.qualifiedSource(),
					equalities("s.", "c."), columns("c."), noteClaimedKeys());
	}

	/**
	 * Statements sent before a {@link #claim}, in its round trip: {@link #BATCH_TRANSACTION_SETTINGS} and the reset
	 * of the transaction-local settings in which the claim notes the keys it claimed ({@link #claimedKeyArrays}), so
	 * that a claim that claimed nothing leaves none noted.
	 */
	String beforeClaim() {
		StringBuilder statements = new StringBuilder(BATCH_TRANSACTION_SETTINGS);
		for (int i = 1; i <= this.key.size(); i++) {
			statements.append("set local ").append(CLAIMED_KEYS_SETTING).append(i).append(" to '{}'; ");
		}
		return statements.toString();
	}

	/**
	 * The claim's keys as {@link #bindKeyArrays} passes them, one text array per key column, read from the
	 * transaction-local settings the last {@link #claim} of the transaction noted them in. A statement sent after the
	 * claim in the same round trip thus reads the claimed keys with a snapshot of its own, taken after the claim got
	 * its advisory locks.
	 */
	private String claimedKeyArrays() {
		List<String> arrays = new ArrayList<>();
		for (int i = 1; i <= this.key.size(); i++) {
			arrays.add("current_setting('" + CLAIMED_KEYS_SETTING + i + "')::text[]");
		}
		return String.join(", ", arrays);
	}

	/** The {@code set_config} calls of a {@link #claim} that note the claimed keys, one text array per key column. */
	private String noteClaimedKeys() {
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < this.key.size(); i++) {
			calls.add("set_config('" + CLAIMED_KEYS_SETTING + (i + 1) + "', coalesce(array_agg("
					+ this.key.get(i).quotedName() + "::text)::text, '{}'), true)");
		}
		return String.join(", ", calls);
	}

	/**
	 * Binds a {@link #claim}: the vectorizer id, its config as JSON, the heap page to start at, the limit.
	 * @return the index of the first source column in the result
	 */
	int bindClaim(PreparedStatement statement, String config, int startPage, int limit) throws SQLException {
		String start = "(" + startPage + ",0)";
		statement.setInt(1, this.vectorizer.id());
		statement.setString(2, config);
		statement.setString(3, start);
		statement.setInt(4, limit);
		statement.setString(5, start);
		statement.setInt(6, limit);
		statement.setInt(7, this.vectorizer.id());
		return this.key.size() + 3;
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
	 * Locks the source rows of the given keys against deletion and key changes until commit
	 * ({@code FOR KEY SHARE}, in key order), deletes the old chunks of the rows it locked and returns
	 * their key columns. Only the store of the keys flagged as having stored chunks is probed: the flags come from
	 * {@link #storedChunkDigests}, read after the claim got the keys' advisory locks, and only a worker holding
	 * a key's advisory lock writes its chunks, so a key that had none then has none now (in a backfill, no key
	 * has any, and the store is not probed at all). Chunks are deleted only once their source row is locked, so a concurrent
	 * {@code DELETE} of a source row (whose trigger deletes the chunks) cannot deadlock with it; the
	 * chunks of a row deleted earlier were removed by that trigger. The keys come as one text array per key
	 * column ({@link #bindKeyArrays}) followed by the flags, so the statement is the same whatever the batch. Both
	 * tables are probed per key: lateral subqueries that the planner cannot turn into a join (a row lock, {@code offset 0}),
	 * so only a parameterized index scan answers them. A join would let the statistics of a table still being
	 * filled choose a scan of the whole table, or of its whole index, once per batch (quadratic in the backlog).
	 */
	String lockSourceRowsAndDeleteChunks(VectorizerDestination.Table target) {
		return """
				with keys as materialized (
				    select %1$s, k.pgai_stored from unnest(%2$s, ?::boolean[]) k(%3$s, pgai_stored)
				), locked as materialized (
				    select %4$s, k.pgai_stored from (select distinct %3$s, pgai_stored from keys order by %3$s) k
				    cross join lateral (select %3$s from %5$s s where %6$s for key share) s
				), deleted as (
				    delete from %7$s t where t.ctid = any(array(
				        select d.ctid from locked l cross join lateral (select t2.ctid from %7$s t2 where %8$s offset 0) d
				        where l.pgai_stored))
				)
				select %9$s from locked"""
			.formatted(keyCasts(), join((column) -> "?::text[]"), columns(""), columns("s."),
					this.vectorizer.qualifiedSource(), equalities("s.", "k."), target.qualifiedName(),
					equalities("t2.", "l."), selectKeyColumns(""));
	}

	/**
	 * The stored chunks of the keys the transaction's last {@link #claim} claimed, for {@link ChunkReuse}: the key
	 * columns, {@code chunk_seq} and the hex SHA-256 of the chunk's UTF-8 text (the formatted text the embedding was
	 * made of). Sent right after the claim, in its round trip, it has no parameters: it reads the keys the claim noted
	 * ({@link #claimedKeyArrays}), with a snapshot of its own taken after the claim got its advisory locks, so it sees
	 * every commit another worker made of those keys. The store is probed per key, as in
	 * {@link #lockSourceRowsAndDeleteChunks}.
	 */
	String storedChunkDigests(VectorizerDestination.Table target) {
		return """
				with keys as materialized (
				    select %1$s from unnest(%2$s) k(%3$s)
				)
				select %4$s, t.chunk_seq, encode(sha256(convert_to(t.chunk, 'UTF8')), 'hex') from keys k
				cross join lateral (select t.chunk_seq, t.chunk from %5$s t where %6$s offset 0) t"""
			.formatted(keyCasts(), claimedKeyArrays(), columns(""), selectKeyColumns("k."), target.qualifiedName(),
					equalities("t.", "k."));
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

	/**
	 * Re-queues a key for a retry; parameters: the key, the new attempt count, the delay in milliseconds. The
	 * delay counts from now ({@code clock_timestamp()}), not from the start of the batch transaction
	 * ({@code now()}), so a provider that took long to fail does not shorten it.
	 */
	String requeueForRetry() {
		return "insert into " + this.vectorizer.qualifiedQueue() + " (" + columns("")
				+ ", loading_retries, loading_retry_after) values (" + keyPlaceholders()
				+ ", ?, clock_timestamp() + ? * interval '1 millisecond')";
	}

	/**
	 * Moves a key to the failed queue, replacing an entry of the same key (a row that failed for good, was
	 * changed and failed for good again is parked once, with its latest failure); parameters: the key, the key
	 * again, the failure step. {@code created_at} is the time of the failure ({@code clock_timestamp()}), not the
	 * start of the batch transaction, like the retry times and error records.
	 */
	String insertFailed() {
		String failed = this.vectorizer.qualifiedFailedQueue();
		return "with replaced as (delete from " + failed + " where " + keyEquals() + ") insert into " + failed + " ("
				+ columns("") + ", failure_step, created_at) values (" + keyPlaceholders() + ", ?, clock_timestamp())";
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

	/**
	 * Binds keys as {@link #lockSourceRowsAndDeleteChunks} expects them: one text array per key column, from
	 * parameter {@code first}.
	 */
	void bindKeyArrays(PreparedStatement statement, int first, List<PrimaryKey> keys) throws SQLException {
		for (int column = 0; column < this.key.size(); column++) {
			String[] values = new String[keys.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = PrimaryKeyType.text(keys.get(i).values().get(column));
			}
			statement.setObject(first + column, values);
		}
	}

	/**
	 * Executes a statement of several commands whose last one returns rows, and returns those rows.
	 * @throws SQLException if the database failed or no command returned rows
	 */
	static ResultSet executeForResultSet(PreparedStatement statement) throws SQLException {
		boolean resultSet = statement.execute();
		while (!resultSet) {
			if (statement.getUpdateCount() == -1) {
				throw new SQLException("The statement returned no rows: " + statement);
			}
			resultSet = statement.getMoreResults();
		}
		return statement.getResultSet();
	}

	/** Each key column of the {@code k} array row cast back to its type, named like the column. */
	private String keyCasts() {
		return join((column) -> "k." + column.quotedName() + "::" + column.typeName() + " as " + column.quotedName());
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
