package io.github.pgaispring.sample.blog;

import org.springframework.data.jpa.repository.JpaRepository;

/** The blog's posts. */
public interface BlogPostRepository extends JpaRepository<BlogPost, Long> {

}
