package io.github.pgaispring.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.pgaispring.embedding.Embedder;

/**
 * Embeds texts with a real model once and keeps the vectors in a file named after a hash of the model and
 * the texts, so later runs of a benchmark skip the slow part.
 */
final class EmbeddingCache {

	private static final int BATCH_SIZE = 64;

	private final Path directory;

	EmbeddingCache(Path directory) {
		this.directory = directory;
	}

	/**
	 * The vectors of the texts, from the cache or freshly embedded (with progress on standard output).
	 * @param embedder the model
	 * @param model the model's name, part of the cache key
	 * @param texts the texts
	 * @return one vector per text
	 */
	List<float[]> embed(Embedder embedder, String model, List<String> texts) {
		Path file = this.directory.resolve(model + "-" + key(model, texts) + ".vectors");
		if (Files.exists(file)) {
			Report.line("embeddings", "%d vectors read from %s", texts.size(), file);
			return read(file, texts.size());
		}
		long started = System.nanoTime();
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int first = 0; first < texts.size(); first += BATCH_SIZE) {
			vectors.addAll(embedder.embedDocuments(texts.subList(first, Math.min(first + BATCH_SIZE, texts.size()))));
			if ((first / BATCH_SIZE) % 20 == 19) {
				Report.note("embedded " + vectors.size() + " of " + texts.size() + " texts");
			}
		}
		Report.line("embeddings", "%d texts embedded in %.0f s (%.1f texts/s), cached in %s", texts.size(),
				Report.seconds(System.nanoTime() - started), texts.size() / Report.seconds(System.nanoTime() - started),
				file);
		write(file, vectors);
		return vectors;
	}

	private static String key(String model, List<String> texts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(model.getBytes(StandardCharsets.UTF_8));
			for (String text : texts) {
				digest.update((byte) 0);
				digest.update(text.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<float[]> read(Path file, int count) {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			int stored = in.readInt();
			int dimensions = in.readInt();
			if (stored != count) {
				throw new IllegalStateException(file + " holds " + stored + " vectors, expected " + count + "; delete it");
			}
			List<float[]> vectors = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				float[] vector = new float[dimensions];
				for (int d = 0; d < dimensions; d++) {
					vector[d] = in.readFloat();
				}
				vectors.add(vector);
			}
			return vectors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read cached embeddings " + file + "; delete it", ex);
		}
	}

	private static void write(Path file, List<float[]> vectors) {
		try {
			Files.createDirectories(file.getParent());
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
				out.writeInt(vectors.size());
				out.writeInt(vectors.get(0).length);
				for (float[] vector : vectors) {
					for (float value : vector) {
						out.writeFloat(value);
					}
				}
			}
			Files.move(partial, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot cache embeddings in " + file, ex);
		}
	}

}
