package io.github.pgaispring.seeds.articles;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application around {@link Article}, configured by {@code articles.yml}
 * ({@code spring.config.name=articles}).
 */
@SpringBootApplication
public class ArticlesApplication {

}
