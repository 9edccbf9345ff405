package io.github.pgaispring.autoconfigure.jpafixtures;

import java.util.List;

import io.github.pgaispring.repository.EmbeddingStoreRepository;

import org.springframework.data.domain.Limit;

/** A search over the notes' embeddings, as an application declares one. */
public interface NoteSearch extends EmbeddingStoreRepository<NoteBodyEmbedding, Note> {

	List<NoteBodyEmbedding> findNearestByCosine(float[] vector, Limit limit);

}
