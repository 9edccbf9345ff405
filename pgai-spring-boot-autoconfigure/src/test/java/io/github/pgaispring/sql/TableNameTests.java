package io.github.pgaispring.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading source table names like PostgreSQL's {@code regclass} input.
 */
class TableNameTests {

	@Test
	void unquotedNamesFoldToLowerCase() {
		assertThat(TableName.parse("Blog")).isEqualTo(new TableName(null, "blog"));
		assertThat(TableName.parse(" Public . BLOG ")).isEqualTo(new TableName("public", "blog"));
		assertThat(TableName.parse("Ünïcode")).isEqualTo(new TableName(null, "Ünïcode"));
	}

	@Test
	void quotedNamesAreKeptExactly() {
		assertThat(TableName.parse("\"My Schema\".\"Blog\"")).isEqualTo(new TableName("My Schema", "Blog"));
		assertThat(TableName.parse("\"a.b\".\"say \"\"hi\"\"\"")).isEqualTo(new TableName("a.b", "say \"hi\""));
		assertThat(TableName.parse("public.\"it's\"")).isEqualTo(new TableName("public", "it's"));
	}

	@Test
	void malformedNamesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("a.b.c"))
			.withMessageContaining("more than two parts");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("\"open"))
			.withMessageContaining("not closed");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("blog."))
			.withMessageContaining("a name is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("\"\""))
			.withMessageContaining("quoted name is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("my table"))
			.withMessageContaining("unexpected 't'");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("ab\"c\""))
			.withMessageContaining("double quote appears inside an unquoted name");
		assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse(" "))
			.withMessageContaining("source table is required");
	}

	@Test
	void rendersRegclassLiteral() {
		assertThat(new TableName(null, "blog").toRegclassSql()).isEqualTo("'blog'::regclass");
		assertThat(new TableName("My Schema", "it's").toRegclassSql()).isEqualTo("'\"My Schema\".\"it''s\"'::regclass");
	}

}
