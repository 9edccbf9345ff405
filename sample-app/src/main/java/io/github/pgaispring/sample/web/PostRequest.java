package io.github.pgaispring.sample.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The JSON body of {@code POST /api/posts} and {@code PUT /api/posts/{id}}. PostgreSQL text cannot hold the NUL
 * character, so it is rejected here rather than by the database.
 *
 * @param title the title
 * @param content the text
 */
public record PostRequest(@NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String title,
		@NotBlank @Size(max = 100_000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String content) {

	static final String NO_NUL = "[^\\u0000]*";

	static final String NUL_MESSAGE = "must not contain the NUL character (\\u0000)";


}
