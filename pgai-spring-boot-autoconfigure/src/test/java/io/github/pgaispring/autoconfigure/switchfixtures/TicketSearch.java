package io.github.pgaispring.autoconfigure.switchfixtures;

import java.util.List;

import io.github.pgaispring.repository.EmbeddingStoreRepository;

import org.springframework.data.domain.Limit;

/** Text searches over the tickets' embeddings. */
public interface TicketSearch extends EmbeddingStoreRepository<TicketBodyEmbedding, Ticket> {

	List<TicketBodyEmbedding> findNearestByCosine(String query, Limit limit);

}
