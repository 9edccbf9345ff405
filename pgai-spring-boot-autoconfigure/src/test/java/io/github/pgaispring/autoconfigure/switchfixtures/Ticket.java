package io.github.pgaispring.autoconfigure.switchfixtures;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A vectorized entity whose vectorizer changes its model while it is searched. */
@Entity
@Table(name = "tickets")
public class Ticket {

	@Id
	private Long id;

	private String body;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 4)
	private List<TicketBodyEmbedding> bodyEmbeddings = new ArrayList<>();

	protected Ticket() {
	}

	public Long getId() {
		return this.id;
	}

	public String getBody() {
		return this.body;
	}

	public List<TicketBodyEmbedding> getBodyEmbeddings() {
		return this.bodyEmbeddings;
	}

}
