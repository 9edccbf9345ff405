package io.github.pgaispring.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Rendering of {@link DropVectorizer}.
 */
class DropVectorizerBuilderTests {

	@Test
	void byNameKeepsTheTargetByDefaultLikeSql() {
		assertThat(DropVectorizer.name("public_blog_embedding_store").toSql())
			.isEqualTo("SELECT ai.drop_vectorizer('public_blog_embedding_store', drop_all=>false)");
	}

	@Test
	void byNameWithDropAll() {
		assertThat(DropVectorizer.name("x").dropAll(true).toSql())
			.isEqualTo("SELECT ai.drop_vectorizer('x', drop_all=>true)");
	}

	@Test
	void byIdRendersAnIntegerSoTheIdOverloadIsChosen() {
		assertThat(DropVectorizer.id(3).dropAll(true).toSql()).isEqualTo("SELECT ai.drop_vectorizer(3, drop_all=>true)");
	}

	@Test
	void isImmutable() {
		DropVectorizer keep = DropVectorizer.id(3);
		keep.dropAll(true);
		assertThat(keep.toSql()).endsWith("drop_all=>false)");
	}

	@Test
	void nameIsEscaped() {
		assertThat(DropVectorizer.name("a'b").toSql()).isEqualTo("SELECT ai.drop_vectorizer('a''b', drop_all=>false)");
	}

	@Test
	void blankNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> DropVectorizer.name(" "))
			.withMessageContaining("name is required");
	}

}
