package io.github.pgaispring.autoconfigure.jpafixtures;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A vectorized entity for the auto-configuration tests. */
@Entity
@Table(name = "notes")
public class Note {

	@Id
	private Long id;

	private String body;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<NoteBodyEmbedding> bodyEmbeddings = new ArrayList<>();

	protected Note() {
	}

	public Note(Long id, String body) {
		this.id = id;
		this.body = body;
	}

	public Long getId() {
		return this.id;
	}

	public String getBody() {
		return this.body;
	}

	public List<NoteBodyEmbedding> getBodyEmbeddings() {
		return this.bodyEmbeddings;
	}

}
