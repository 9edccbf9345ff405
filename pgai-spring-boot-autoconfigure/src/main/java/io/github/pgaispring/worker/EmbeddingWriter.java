package io.github.pgaispring.worker;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.pgvector.PGvector;
import io.github.pgaispring.sql.Vectorizer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes a batch's embeddings to the vectorizer's destination, inside the batch transaction.
 * <p>
 * For a table destination the old chunks of every row are deleted and the new ones streamed with
 * {@code COPY ... FROM STDIN (FORMAT BINARY)} (text format when a key column has no binary encoder).
 * Before writing, the source rows are locked {@code FOR KEY SHARE}: a row deleted meanwhile is skipped
 * (its chunks were removed by the trigger), and a delete that comes later waits for the commit, after
 * which the trigger removes the fresh chunks. No chunk outlives its source row.
 * <p>
 * Every write starts with {@code SAVEPOINT}, sent in the same round trip as its first statement, so a
 * failed write can be undone with {@link #rollBack} while the batch's claim is kept. A table write
 * takes three round trips: savepoint, lock and delete together ({@link #start}); start of the {@code COPY}
 * and its end ({@link #finish}). The two halves may run on different threads, one after the other, so a
 * worker thread can lock and delete for its next batch while its committer copies the previous one.
 */
final class EmbeddingWriter {

	private static final byte[] BINARY_COPY_HEADER = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	private static final int COPY_BUFFER_BYTES = 64 * 1024;

	private static final String SAVEPOINT = "pgai_write";

	private EmbeddingWriter() {
	}

	/**
	 * The first half of a write: sets a savepoint for {@link #rollBack} and, for a table destination, locks the
	 * source rows and deletes their old chunks (one round trip). A column destination is written by
	 * {@link #finish} alone.
	 * @param stored whether the store held chunks of a key when the batch read their digests, after it got the
	 * key's advisory lock (only those keys' chunks are deleted)
	 * @return what {@link #finish} writes
	 */
	static Started start(Connection connection, Vectorizer vectorizer, QueueStatements sql, List<RowEmbeddings> rows,
			Predicate<PrimaryKey> stored) throws SQLException {
		VectorizerDestination destination = VectorizerDestination.of(vectorizer);
		if (rows.isEmpty() || destination instanceof VectorizerDestination.Column) {
			return new Started(destination, rows);
		}
		Set<PrimaryKey> existing = lockSourceRowsAndDeleteChunks(connection, sql,
				(VectorizerDestination.Table) destination, rows, stored);
		return new Started(destination, rows.stream().filter((row) -> existing.contains(row.key())).toList());
	}

	/**
	 * The second half of a write: streams the chunks of the rows {@link #start} locked (two round trips), or
	 * updates the embedding column of a column destination after setting the savepoint.
	 * @return the number of chunks written
	 */
	static int finish(Connection connection, QueueStatements sql, Started started) throws SQLException {
		if (started.rows().isEmpty()) {
			return 0;
		}
		if (started.destination() instanceof VectorizerDestination.Column column) {
			return updateColumn(connection, sql, column, started.rows());
		}
		return copyChunks(connection, sql, (VectorizerDestination.Table) started.destination(), started.rows());
	}

	private static int copyChunks(Connection connection, QueueStatements sql, VectorizerDestination.Table target,
			List<RowEmbeddings> live) throws SQLException {
		if (live.stream().allMatch((row) -> row.chunks().isEmpty())) {
			return 0;
		}
		boolean binary = sql.binaryCopySupported();
		PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
				sql.copyChunks(target, binary), COPY_BUFFER_BYTES);
		try {
			DataOutputStream out = new DataOutputStream(copy);
			int written = binary ? writeBinary(out, sql.keyTypes(), live) : writeText(out, live);
			out.flush();
			copy.endCopy();
			return written;
		}
		catch (IOException ex) {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
			if (ex.getCause() instanceof SQLException sqlException) {
				throw sqlException;
			}
			throw new SQLException("Streaming chunks into " + target.qualifiedName() + " failed: " + ex.getMessage(),
					"08006", ex);
		}
	}

	/**
	 * Undoes everything the last write ({@link #start}, {@link #finish}) did, keeping what the transaction did before it.
	 * @param connection the batch's connection
	 * @throws SQLException if the rollback failed (the whole transaction must then be rolled back)
	 */
	static void rollBack(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("rollback to savepoint " + SAVEPOINT);
		}
	}

	/** Sets the savepoint, locks the source rows and deletes their chunks in one round trip. */
	private static Set<PrimaryKey> lockSourceRowsAndDeleteChunks(Connection connection, QueueStatements sql,
			VectorizerDestination.Table target, List<RowEmbeddings> rows, Predicate<PrimaryKey> stored)
			throws SQLException {
		List<PrimaryKey> keys = rows.stream().map(RowEmbeddings::key).toList();
		Boolean[] flags = keys.stream().map(stored::test).toArray(Boolean[]::new);
		Set<PrimaryKey> existing = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"savepoint " + SAVEPOINT + "; " + sql.lockSourceRowsAndDeleteChunks(target))) {
			sql.bindKeyArrays(statement, 1, keys);
			statement.setArray(1 + sql.keyTypes().size(), connection.createArrayOf("boolean", flags));
			try (ResultSet rs = QueueStatements.executeForResultSet(statement)) {
				while (rs.next()) {
					existing.add(sql.readKey(rs));
				}
			}
		}
		return existing;
	}

	private static int writeBinary(DataOutputStream out, List<PrimaryKeyType> keyTypes, List<RowEmbeddings> rows)
			throws IOException {
		out.write(BINARY_COPY_HEADER);
		out.writeInt(0);
		out.writeInt(0);
		int written = 0;
		VectorEncoder vectors = new VectorEncoder();
		for (RowEmbeddings row : rows) {
			for (int seq = 0; seq < row.chunks().size(); seq++) {
				out.writeShort(keyTypes.size() + 3);
				for (int i = 0; i < keyTypes.size(); i++) {
					keyTypes.get(i).writeBinary(out, row.key().values().get(i));
				}
				out.writeInt(4);
				out.writeInt(seq);
				PrimaryKeyType.writeText(out, row.chunks().get(seq));
				vectors.write(out, row.embeddings().get(seq));
				written++;
			}
		}
		out.writeShort(-1);
		return written;
	}

	/**
	 * Writes vectors as a binary {@code COPY} field in pgvector's binary format ({@code vector_recv}: the length,
	 * {@code int16} dimensions, {@code int16} 0, then each {@code float4}, all big-endian), through one buffer reused
	 * for every vector of a write and filled by a bulk {@link java.nio.FloatBuffer#put(float[])}. This is the format
	 * pgvector's {@code PGvector.toBytes} produces, without a {@code PGvector} and a byte array per chunk, and without
	 * its element-by-element loop, which was a third of the committer thread's CPU in a backfill profile.
	 */
	private static final class VectorEncoder {

		private byte[] buffer = new byte[0];

		void write(DataOutputStream out, float[] vector) throws IOException {
			int length = 4 + 4 * vector.length;
			if (this.buffer.length != length) {
				this.buffer = new byte[length];
			}
			ByteBuffer bytes = ByteBuffer.wrap(this.buffer);
			bytes.putShort((short) vector.length).putShort((short) 0);
			bytes.asFloatBuffer().put(vector);
			out.writeInt(length);
			out.write(this.buffer);
		}

	}

	private static int writeText(DataOutputStream out, List<RowEmbeddings> rows) throws IOException {
		int written = 0;
		StringBuilder line = new StringBuilder();
		for (RowEmbeddings row : rows) {
			for (int seq = 0; seq < row.chunks().size(); seq++) {
				line.setLength(0);
				for (Object value : row.key().values()) {
					line.append(escapeCopyText(PrimaryKeyType.text(value))).append('\t');
				}
				line.append(seq).append('\t').append(escapeCopyText(row.chunks().get(seq))).append('\t');
				line.append(new PGvector(row.embeddings().get(seq)).getValue()).append('\n');
				out.write(line.toString().getBytes(StandardCharsets.UTF_8));
				written++;
			}
		}
		return written;
	}

	private static String escapeCopyText(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				case '\b' -> escaped.append("\\b");
				case '\f' -> escaped.append("\\f");
				case '\u000B' -> escaped.append("\\v");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static int updateColumn(Connection connection, QueueStatements sql,
			VectorizerDestination.Column destination, List<RowEmbeddings> rows) throws SQLException {
		try (Statement savepoint = connection.createStatement()) {
			savepoint.execute("savepoint " + SAVEPOINT);
		}
		int written = 0;
		try (PreparedStatement update = connection.prepareStatement(sql.updateEmbeddingColumn(destination))) {
			for (RowEmbeddings row : rows) {
				boolean embedded = !row.embeddings().isEmpty();
				update.setObject(1, embedded ? new PGvector(row.embeddings().get(0)) : null, Types.OTHER);
				sql.bindKey(update, 2, row.key());
				update.addBatch();
				written += embedded ? 1 : 0;
			}
			update.executeBatch();
		}
		return written;
	}

	/**
	 * A write between {@link #start} and {@link #finish}.
	 *
	 * @param destination where the embeddings go
	 * @param rows the rows to write: for a table destination those whose source row {@link #start} locked
	 */
	record Started(VectorizerDestination destination, List<RowEmbeddings> rows) {

	}

	/**
	 * The formatted chunks of one source row and their embeddings, index by index.
	 *
	 * @param key the row's primary key
	 * @param chunks the formatted chunks (stored in the {@code chunk} column), in {@code chunk_seq} order
	 * @param embeddings one vector per chunk
	 */
	record RowEmbeddings(PrimaryKey key, List<String> chunks, List<float[]> embeddings) {

	}

}
