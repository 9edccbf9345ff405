package io.github.pgaispring.autoconfigure.slicefixtures;

import org.springframework.data.jpa.repository.JpaRepository;

/** The memos. */
public interface MemoRepository extends JpaRepository<Memo, Long> {

}
