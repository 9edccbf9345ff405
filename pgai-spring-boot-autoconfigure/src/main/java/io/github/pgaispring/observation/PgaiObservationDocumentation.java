package io.github.pgaispring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the starter makes, with their key names. Low-cardinality key values also tag the timers that
 * Spring Boot derives from observations; high-cardinality ones only go to traces.
 */
public enum PgaiObservationDocumentation implements ObservationDocumentation {

	/**
	 * One batch of the vectorizer worker: claiming queued rows, loading, chunking, formatting, embedding (a child
	 * {@link #EMBEDDING} observation) and writing the chunks, committed together.
	 */
	WORKER_BATCH {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultBatchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { CommonKeyNames.VECTORIZER, BatchKeyNames.STATUS };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { BatchKeyNames.ROWS, BatchKeyNames.CHUNKS, BatchKeyNames.FAILED_ROWS };
		}

	},

	/** One call of an embedding model: a batch's chunks (documents) or a search query. */
	EMBEDDING {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEmbeddingObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { CommonKeyNames.VECTORIZER, EmbeddingKeyNames.PROVIDER, EmbeddingKeyNames.MODEL,
					EmbeddingKeyNames.INPUT_TYPE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { EmbeddingKeyNames.TEXTS };
		}

	},

	/**
	 * One nearest-neighbour search of an embedding-store repository method: embedding a text query (a child
	 * {@link #EMBEDDING} observation) and the SQL query.
	 */
	SEARCH {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSearchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { SearchKeyNames.STORE, SearchKeyNames.METHOD };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { SearchKeyNames.LIMIT, SearchKeyNames.RESULTS };
		}

	};

	/** Key names several observations share. */
	public enum CommonKeyNames implements KeyName {

		/**
		 * The vectorizer name; for an embedding call, that of the enclosing batch ({@code none} for a search
		 * query).
		 */
		VECTORIZER {
			@Override
			public String asString() {
				return "pgai.vectorizer";
			}
		}

	}

	/** Key names of {@link #WORKER_BATCH}. */
	public enum BatchKeyNames implements KeyName {

		/**
		 * How the batch ended: {@code processed}, {@code failed} (rows re-queued or moved to the failed queue),
		 * {@code empty} (no due rows), {@code disabled}, {@code not_found}, or {@code error} (rolled back, rows
		 * stay queued).
		 */
		STATUS {
			@Override
			public String asString() {
				return "pgai.batch.status";
			}
		},

		/** Source rows embedded. */
		ROWS {
			@Override
			public String asString() {
				return "pgai.batch.rows";
			}
		},

		/** Chunks (embeddings) written. */
		CHUNKS {
			@Override
			public String asString() {
				return "pgai.batch.chunks";
			}
		},

		/** Rows that failed and were re-queued for a retry or moved to the failed queue. */
		FAILED_ROWS {
			@Override
			public String asString() {
				return "pgai.batch.failed.rows";
			}
		}

	}

	/** Key names of {@link #EMBEDDING}. */
	public enum EmbeddingKeyNames implements KeyName {

		/** The embedding implementation, such as {@code openai}, {@code ollama} or {@code onnx}. */
		PROVIDER {
			@Override
			public String asString() {
				return "pgai.embedding.provider";
			}
		},

		/** The model, such as {@code text-embedding-3-small} ({@code default} when the configuration names none). */
		MODEL {
			@Override
			public String asString() {
				return "pgai.embedding.model";
			}
		},

		/** {@code document} for chunks to store, {@code query} for a search query. */
		INPUT_TYPE {
			@Override
			public String asString() {
				return "pgai.embedding.input.type";
			}
		},

		/** Texts embedded in the call. */
		TEXTS {
			@Override
			public String asString() {
				return "pgai.embedding.texts";
			}
		}

	}

	/** Key names of {@link #SEARCH}. */
	public enum SearchKeyNames implements KeyName {

		/** The schema-qualified embedding store table. */
		STORE {
			@Override
			public String asString() {
				return "pgai.search.store";
			}
		},

		/** The repository method, as {@code Interface.method}. */
		METHOD {
			@Override
			public String asString() {
				return "pgai.search.method";
			}
		},

		/** The most results asked for ({@code none} without a limit). */
		LIMIT {
			@Override
			public String asString() {
				return "pgai.search.limit";
			}
		},

		/** The results returned. */
		RESULTS {
			@Override
			public String asString() {
				return "pgai.search.results";
			}
		}

	}

}
