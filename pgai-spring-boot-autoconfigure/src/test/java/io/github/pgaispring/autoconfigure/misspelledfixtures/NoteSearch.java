package io.github.pgaispring.autoconfigure.misspelledfixtures;

import java.util.List;

import io.github.pgaispring.autoconfigure.jpafixtures.NoteBodyEmbedding;
import io.github.pgaispring.autoconfigure.jpafixtures.NoteBodyEmbeddingRepository;

import org.springframework.data.domain.Limit;

/** A search whose condition misspells the parent's {@code body}. */
public interface NoteSearch extends NoteBodyEmbeddingRepository {

	List<NoteBodyEmbedding> findNearestByCosineAndParentBdy(String query, String body, Limit limit);

}
