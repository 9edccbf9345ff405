package io.github.pgaispring.autoconfigure.slicefixtures;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.Vectorized;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A vectorized entity for the test-slice tests. */
@Entity
@Table(name = "memos")
public class Memo {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String body;

	@OneToMany(mappedBy = "parent")
	@Vectorized(dimensions = 384)
	private List<MemoBodyEmbedding> bodyEmbeddings = new ArrayList<>();

	protected Memo() {
	}

	public Memo(String body) {
		this.body = body;
	}

	public Long getId() {
		return this.id;
	}

	public String getBody() {
		return this.body;
	}

}
