package io.github.pgaispring.repository;

import java.util.Objects;
import java.util.function.Function;

import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;

/**
 * One result of a hybrid (full-text and vector) search: the entity, its fused reciprocal-rank score, and where
 * it stood in each candidate list.
 *
 * @param <T> the entity type
 */
public final class HybridSearchResult<T> {

	/** The scoring function of fused hybrid scores: reciprocal rank fusion. Higher is better. */
	public static final ScoringFunction RECIPROCAL_RANK_FUSION = () -> "RRF";

	private final T content;

	private final double score;

	private final Integer vectorRank;

	private final Integer textRank;

	private final double distance;

	private final Double textScore;

	/**
	 * Creates a result.
	 * @param content the entity
	 * @param score the fused score
	 * @param vectorRank the 1-based rank in the vector candidate list, or {@code null}
	 * @param textRank the 1-based rank in the full-text candidate list, or {@code null}
	 * @param distance the vector distance to the query
	 * @param textScore the full-text rank ({@code ts_rank_cd}), or {@code null} if the text does not match
	 */
	public HybridSearchResult(T content, double score, Integer vectorRank, Integer textRank, double distance,
			Double textScore) {
		this.content = content;
		this.score = score;
		this.vectorRank = vectorRank;
		this.textRank = textRank;
		this.distance = distance;
		this.textScore = textScore;
	}

	/** The entity. */
	public T getContent() {
		return this.content;
	}

	/** The fused score: the sum of {@code weight / (rrfK + rank)} over both lists, higher is better. */
	public Score getScore() {
		return Score.of(this.score, RECIPROCAL_RANK_FUSION);
	}

	/** The 1-based rank in the vector candidate list, or {@code null} if the result is not in it. */
	public Integer getVectorRank() {
		return this.vectorRank;
	}

	/** The 1-based rank in the full-text candidate list, or {@code null} if the result is not in it. */
	public Integer getTextRank() {
		return this.textRank;
	}

	/** The vector distance between the result and the query, in the method's distance. */
	public double getDistance() {
		return this.distance;
	}

	/** The full-text rank ({@code ts_rank_cd}) of the result, or {@code null} if its text does not match. */
	public Double getTextScore() {
		return this.textScore;
	}

	/**
	 * This result as a Spring Data {@link SearchResult} scored by the fused score.
	 * @return the search result
	 */
	public SearchResult<T> toSearchResult() {
		return new SearchResult<>(this.content, getScore());
	}

	/**
	 * This result with other content and the same ranks and scores.
	 * @param <U> the new content type
	 * @param mapper maps the content
	 * @return the mapped result
	 */
	public <U> HybridSearchResult<U> map(Function<? super T, ? extends U> mapper) {
		return new HybridSearchResult<>(mapper.apply(this.content), this.score, this.vectorRank, this.textRank,
				this.distance, this.textScore);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof HybridSearchResult<?> that && Objects.equals(this.content, that.content)
				&& this.score == that.score && Objects.equals(this.vectorRank, that.vectorRank)
				&& Objects.equals(this.textRank, that.textRank) && this.distance == that.distance
				&& Objects.equals(this.textScore, that.textScore);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.content, this.score, this.vectorRank, this.textRank, this.distance, this.textScore);
	}

	@Override
	public String toString() {
		return "HybridSearchResult[" + this.content + ", score=" + this.score + ", vectorRank=" + this.vectorRank
				+ ", textRank=" + this.textRank + ", distance=" + this.distance + "]";
	}

}
