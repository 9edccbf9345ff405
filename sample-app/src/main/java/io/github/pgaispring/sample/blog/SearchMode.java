package io.github.pgaispring.sample.blog;

/** How the blog search ranks chunks. */
public enum SearchMode {

	/** By meaning alone: cosine distance of the embeddings. */
	VECTOR,

	/** By meaning and by words: vector and full-text ranks fused by reciprocal rank fusion. */
	HYBRID

}
