package io.github.pgaispring.sample.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The JSON body of {@code POST /api/posts} and {@code PUT /api/posts/{id}}.
 *
 * @param title the title
 * @param content the text
 */
public record PostRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 100_000) String content) {

}
