package io.github.pgaispring.jpa;

import java.util.UUID;

/**
 * One row of a pgai embedding store: a chunk of a parent row's text and its vector. Implemented by the
 * entities generated for {@link Vectorized @Vectorized} attributes.
 *
 * @param <P> the parent (source) entity type
 */
public interface EmbeddingChunk<P> {

	/**
	 * Primary key of the store row ({@code embedding_uuid}).
	 * @return the row's UUID
	 */
	UUID getEmbeddingUuid();

	/**
	 * Position of the chunk within its parent's text, starting at 0 ({@code chunk_seq}).
	 * @return the chunk sequence number
	 */
	int getChunkSeq();

	/**
	 * The embedded text, after formatting ({@code chunk}).
	 * @return the chunk text
	 */
	String getChunk();

	/**
	 * The chunk's vector ({@code embedding}).
	 * @return the vector
	 */
	float[] getEmbedding();

	/**
	 * The source row this chunk was cut from.
	 * @return the parent entity
	 */
	P getParent();

}
