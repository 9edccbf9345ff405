package io.github.pgaispring.worker;

/**
 * A claimed row that could not be processed in this attempt.
 *
 * @param row the claimed row
 * @param step where it failed
 * @param cause why
 */
record RowFailure(ClaimedRow row, FailureStep step, Throwable cause) {

}
