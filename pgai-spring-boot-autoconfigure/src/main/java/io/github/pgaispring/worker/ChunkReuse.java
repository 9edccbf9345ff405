package io.github.pgaispring.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pgaispring.sql.Vectorizer;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of a batch whose embeddings the store already has, so that no provider is asked for them again. The
 * store's {@code chunk} column holds the <em>formatted</em> text each embedding was made of (pgai's worker and this
 * one store it alike), so a queued row whose formatted chunks equal the stored ones, in order, is
 * {@link #unchanged} and left as it is: no provider call, no rewrite. For a row where only some chunks changed, a
 * chunk whose formatted text the row's stored chunks already have (at any {@code chunk_seq}) gets that
 * {@link #storedVector stored vector}, and only the other chunks are embedded; the row's chunks are then rewritten
 * as always. Texts are compared by SHA-256 digest, computed by the database for the stored chunks, so the comparison
 * reads 32 bytes per stored chunk, plus the stored vectors of the reused chunks of changed rows.
 * <p>
 * Nothing is stored besides what pgai's layout has, so this works on stores pgai's worker wrote and pgai's worker
 * works on stores this one wrote; where a store holds no chunks for a row (a new row) every chunk is embedded, and
 * its chunks are not digested. The store is probed per key ({@code QueueStatements#storedChunkDigests}), so in a
 * backfill the read costs an index probe per row and returns nothing. A column destination keeps no formatted
 * text, so its rows are always embedded.
 */
final class ChunkReuse {

	private static final ChunkReuse NONE = new ChunkReuse(Set.of(), Map.of(), Set.of());

	/** Stored vectors read per statement at most, which keeps its parameters well below PostgreSQL's 65535. */
	private static final int MAX_CHUNKS_PER_READ = 1000;

	private final Set<PrimaryKey> unchanged;

	private final Map<PrimaryKey, float @Nullable [][]> storedVectors;

	/** The keys the store held chunks of. */
	private final Set<PrimaryKey> stored;

	private ChunkReuse(Set<PrimaryKey> unchanged, Map<PrimaryKey, float @Nullable [][]> storedVectors,
			Set<PrimaryKey> stored) {
		this.unchanged = unchanged;
		this.storedVectors = storedVectors;
		this.stored = stored;
	}

	/** Nothing is reused: every chunk is embedded. */
	static ChunkReuse none() {
		return NONE;
	}

	/**
	 * Reads the result of {@link QueueStatements#storedChunkDigests}, which the claim's round trip returns after the
	 * claimed rows.
	 * @param rs the result
	 * @param sql the vectorizer's statements
	 * @return the hex SHA-256 of each stored chunk, by key and {@code chunk_seq}
	 * @throws SQLException if reading the result failed
	 */
	static Map<PrimaryKey, Map<Integer, String>> readStoredDigests(ResultSet rs, QueueStatements sql)
			throws SQLException {
		Map<PrimaryKey, Map<Integer, String>> stored = new HashMap<>();
		int keyColumns = sql.keyTypes().size();
		while (rs.next()) {
			stored.computeIfAbsent(sql.readKey(rs), (key) -> new HashMap<>())
				.put(rs.getInt(keyColumns + 1), rs.getString(keyColumns + 2));
		}
		return stored;
	}

	/**
	 * Compares the formatted chunks of queued rows with the stored ones, in the batch's transaction.
	 * @param connection the batch's connection
	 * @param vectorizer the vectorizer
	 * @param sql its statements
	 * @param rows the formatted chunks of each row, by key, in {@code chunk_seq} order
	 * @param stored the digests of the stored chunks of the claimed keys ({@link #readStoredDigests})
	 * @return what can be kept
	 * @throws SQLException if reading the stored vectors failed
	 */
	static ChunkReuse find(Connection connection, Vectorizer vectorizer, QueueStatements sql,
			Map<PrimaryKey, List<String>> rows, Map<PrimaryKey, Map<Integer, String>> stored) throws SQLException {
		if (rows.isEmpty() || !(VectorizerDestination.of(vectorizer) instanceof VectorizerDestination.Table target)) {
			return NONE;
		}
		if (stored.isEmpty()) {
			return noneStored(rows);
		}
		Set<PrimaryKey> unchanged = new HashSet<>();
		Map<PrimaryKey, int[]> reusedSeqs = new LinkedHashMap<>();
		for (Map.Entry<PrimaryKey, List<String>> row : rows.entrySet()) {
			Map<Integer, String> storedChunks = stored.getOrDefault(row.getKey(), Map.of());
			if (storedChunks.isEmpty()) {
				if (row.getValue().isEmpty()) {
					unchanged.add(row.getKey());
				}
				continue;
			}
			List<String> digests = row.getValue().stream().map(ChunkReuse::digest).toList();
			if (storedChunks.size() == digests.size() && sameInOrder(storedChunks, digests)) {
				unchanged.add(row.getKey());
			}
			else {
				int[] seqs = reusableSeqs(storedChunks, digests);
				if (seqs != null) {
					reusedSeqs.put(row.getKey(), seqs);
				}
			}
		}
		Map<PrimaryKey, float @Nullable [][]> vectors = reusedSeqs.isEmpty() ? Map.of()
				: storedVectors(connection, sql, target, reusedSeqs);
		return new ChunkReuse(Set.copyOf(unchanged), vectors, Set.copyOf(stored.keySet()));
	}

	/** Nothing is stored for the rows: those without chunks are unchanged, the others embedded. */
	private static ChunkReuse noneStored(Map<PrimaryKey, List<String>> rows) {
		Set<PrimaryKey> empty = new HashSet<>();
		rows.forEach((key, chunks) -> {
			if (chunks.isEmpty()) {
				empty.add(key);
			}
		});
		return empty.isEmpty() ? NONE : new ChunkReuse(Set.copyOf(empty), Map.of(), Set.of());
	}

	/**
	 * Whether the store held chunks of the key when the digests were read, after the claim got the key's advisory
	 * lock. Only a worker holding that lock writes a key's chunks, so a key without any then has none until the
	 * batch commits, and its write need not delete old chunks. A column destination reports none.
	 */
	boolean hasStoredChunks(PrimaryKey key) {
		return this.stored.contains(key);
	}

	/** Whether the row's stored chunks are exactly its formatted chunks now, so nothing needs doing. */
	boolean unchanged(PrimaryKey key) {
		return this.unchanged.contains(key);
	}

	/**
	 * The stored vector of a chunk of a changed row whose formatted text the row's stored chunks have.
	 * @param key the row
	 * @param index the chunk's position among the row's formatted chunks
	 * @return the vector, or {@code null} if the chunk must be embedded
	 */
	float @Nullable [] storedVector(PrimaryKey key, int index) {
		float[][] vectors = this.storedVectors.get(key);
		return (vectors != null) ? vectors[index] : null;
	}

	/**
	 * Whether any of a row's chunks has no stored vector, so embedding the row calls the provider.
	 * @param key the row
	 * @param chunks the number of the row's formatted chunks
	 * @return whether a provider call is needed
	 */
	boolean needsEmbedding(PrimaryKey key, int chunks) {
		for (int i = 0; i < chunks; i++) {
			if (storedVector(key, i) == null) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameInOrder(Map<Integer, String> stored, List<String> digests) {
		for (int seq = 0; seq < digests.size(); seq++) {
			if (!digests.get(seq).equals(stored.get(seq))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * For each chunk, the stored {@code chunk_seq} with the same text (its own position first), or -1; {@code null}
	 * when no chunk has one.
	 */
	private static int @Nullable [] reusableSeqs(Map<Integer, String> stored, List<String> digests) {
		Map<String, Integer> seqByDigest = new HashMap<>();
		stored.forEach((seq, digest) -> seqByDigest.merge(digest, seq, Math::min));
		int[] seqs = new int[digests.size()];
		boolean any = false;
		for (int index = 0; index < seqs.length; index++) {
			String digest = digests.get(index);
			seqs[index] = digest.equals(stored.get(index)) ? index : seqByDigest.getOrDefault(digest, -1);
			any |= seqs[index] >= 0;
		}
		return any ? seqs : null;
	}

	private static Map<PrimaryKey, float @Nullable [][]> storedVectors(Connection connection, QueueStatements sql,
			VectorizerDestination.Table target, Map<PrimaryKey, int[]> reusedSeqs) throws SQLException {
		List<PrimaryKey> keys = new ArrayList<>();
		List<Integer> seqs = new ArrayList<>();
		reusedSeqs.forEach((key, rowSeqs) -> {
			for (int seq : rowSeqs) {
				if (seq >= 0) {
					keys.add(key);
					seqs.add(seq);
				}
			}
		});
		Map<PrimaryKey, Map<Integer, float[]>> loaded = new HashMap<>();
		int keyColumns = sql.keyTypes().size();
		for (int first = 0; first < keys.size(); first += MAX_CHUNKS_PER_READ) {
			int count = Math.min(MAX_CHUNKS_PER_READ, keys.size() - first);
			try (PreparedStatement statement = connection.prepareStatement(sql.storedEmbeddings(target, count))) {
				int index = 1;
				for (int i = first; i < first + count; i++) {
					index = sql.bindKey(statement, index, keys.get(i));
					statement.setInt(index++, seqs.get(i));
				}
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						loaded.computeIfAbsent(sql.readKey(rs), (key) -> new HashMap<>())
							.put(rs.getInt(keyColumns + 1), floats(rs.getArray(keyColumns + 2)));
					}
				}
			}
		}
		Map<PrimaryKey, float @Nullable [][]> vectors = new HashMap<>();
		reusedSeqs.forEach((key, rowSeqs) -> {
			float[][] rowVectors = new float[rowSeqs.length][];
			Map<Integer, float[]> rowLoaded = loaded.getOrDefault(key, Map.of());
			for (int i = 0; i < rowSeqs.length; i++) {
				rowVectors[i] = (rowSeqs[i] >= 0) ? rowLoaded.get(rowSeqs[i]) : null;
			}
			vectors.put(key, rowVectors);
		});
		return vectors;
	}

	private static float[] floats(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		float[] floats = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			floats[i] = ((Number) values[i]).floatValue();
		}
		return floats;
	}

	/** The hex SHA-256 of a text's UTF-8 bytes, as the database computes it for stored chunks. */
	static String digest(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is a required algorithm of every JVM", ex);
		}
	}

}
