package io.github.pgaispring.benchmark;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Chunk rows of an embedding store held in memory, and the bare-JDBC way to write them: one
 * {@code COPY ... FROM STDIN (FORMAT BINARY)} in one transaction, encoded by hand (the baseline of the
 * worker benchmark, and how the search benchmark fills its store).
 */
final class ChunkRows {

	private static final byte[] HEADER = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	private final List<ChunkRow> rows;

	private ChunkRows(List<ChunkRow> rows) {
		this.rows = rows;
	}

	/**
	 * Wraps rows made in memory.
	 * @param rows the rows
	 * @return them, ready to copy
	 */
	static ChunkRows of(List<ChunkRow> rows) {
		return new ChunkRows(rows);
	}

	/**
	 * Reads every row of a store.
	 * @param dataSource the database
	 * @param store the quoted store table
	 * @return the rows, by id and sequence
	 */
	static ChunkRows read(DataSource dataSource, String store) throws SQLException {
		List<ChunkRow> rows = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("select id, chunk_seq, chunk, embedding::text from " + store + " order by id, chunk_seq")) {
			while (rs.next()) {
				rows.add(new ChunkRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
						new PGvector(rs.getString(4)).toArray()));
			}
		}
		return new ChunkRows(rows);
	}

	/** The number of rows. */
	int size() {
		return this.rows.size();
	}

	/**
	 * Creates an empty table laid out exactly like the store (columns, defaults, keys, storage).
	 * @param dataSource the database
	 * @param store the quoted store table
	 * @param table the new table's name
	 */
	static void createTableLike(DataSource dataSource, String store, String table) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table " + table + " (like " + store + " including all)");
		}
	}

	/**
	 * Empties the table, then copies every row into it and commits; only the copy and commit are timed.
	 * @param dataSource the database
	 * @param table a table created by {@link #createTableLike}
	 * @return the elapsed time and the database backends' CPU time
	 */
	Copy copyInto(DataSource dataSource, String table) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("truncate " + table);
			}
			connection.setAutoCommit(false);
			ServerCpu serverCpu = ServerCpu.start(dataSource);
			long started = System.nanoTime();
			PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
					"copy " + table + " (id, chunk_seq, chunk, embedding) from stdin (format binary)", 64 * 1024);
			DataOutputStream out = new DataOutputStream(copy);
			out.write(HEADER);
			out.writeInt(0);
			out.writeInt(0);
			for (ChunkRow row : this.rows) {
				out.writeShort(4);
				out.writeInt(8);
				out.writeLong(row.id());
				out.writeInt(4);
				out.writeInt(row.seq());
				byte[] chunk = row.chunk().getBytes(StandardCharsets.UTF_8);
				out.writeInt(chunk.length);
				out.write(chunk);
				float[] embedding = row.embedding();
				out.writeInt(4 + 4 * embedding.length);
				out.writeShort(embedding.length);
				out.writeShort(0);
				for (float value : embedding) {
					out.writeFloat(value);
				}
			}
			out.writeShort(-1);
			out.flush();
			copy.endCopy();
			connection.commit();
			return new Copy(System.nanoTime() - started, serverCpu.seconds());
		}
	}

	/**
	 * A timed copy.
	 *
	 * @param nanos wall-clock time of the copy and its commit
	 * @param serverCpuSeconds CPU time of the database's backends meanwhile
	 */
	record Copy(long nanos, double serverCpuSeconds) {

	}

	/**
	 * One row of an embedding store whose source key is a single {@code bigint id}.
	 *
	 * @param id the source row's id
	 * @param seq the chunk's 0-based position in the row
	 * @param chunk the formatted chunk
	 * @param embedding its vector
	 */
	record ChunkRow(long id, int seq, String chunk, float[] embedding) {

	}

}
