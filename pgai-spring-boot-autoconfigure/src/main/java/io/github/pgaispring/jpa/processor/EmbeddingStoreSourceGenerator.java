package io.github.pgaispring.jpa.processor;

import java.util.ArrayList;
import java.util.List;

import io.github.pgaispring.jpa.ParentFetch;
import io.github.pgaispring.jpa.processor.ParentKey.KeyAttribute;
import io.github.pgaispring.jpa.processor.ParentKey.KeyColumn;

import static io.github.pgaispring.jpa.processor.SourceWriter.quote;

/**
 * Generates the source of the embedding entity and of its repository for an {@link EmbeddingStoreSpec}.
 */
final class EmbeddingStoreSourceGenerator {

	private static final String GENERATED = "@Generated(\"" + VectorizedProcessor.class.getName() + "\")";

	String entitySource(EmbeddingStoreSpec spec) {
		SourceWriter out = new SourceWriter();
		packageDeclaration(out, spec);
		imports(out, entityImports(spec));
		out.line("/**");
		out.line(" * A chunk of {@link " + spec.parentType() + "#" + spec.attribute() + "} and its embedding, stored in");
		out.line(" * pgai embedding store {@code " + spec.qualifiedTable() + "}. Generated from {@code @Vectorized}.");
		out.line(" */");
		out.line(GENERATED);
		out.line("@EmbeddingStore(parent = " + spec.parentType() + ".class, attribute = " + quote(spec.attribute())
				+ ", dimensions = " + spec.dimensions() + ", parentFetch = ParentFetch." + spec.parentFetch() + ")");
		out.line("@Entity");
		out.line("@Immutable");
		out.line("@Table(name = " + quote(spec.table())
				+ (spec.schema().isEmpty() ? "" : ", schema = " + quote(spec.schema())) + ")");
		out.open("public class " + spec.className() + " implements EmbeddingChunk<" + spec.parentType() + "> {");
		out.line();
		out.line("@Id");
		out.line("@Column(name = \"embedding_uuid\", nullable = false, updatable = false)");
		out.line("private UUID embeddingUuid;");
		out.line();
		keyFields(out, spec.key());
		out.line("@Column(name = \"chunk_seq\", nullable = false)");
		out.line("private int chunkSeq;");
		out.line();
		out.line("@Column(name = \"chunk\", nullable = false)");
		out.line("private String chunk;");
		out.line();
		out.line("@JdbcTypeCode(SqlTypes.VECTOR)");
		out.line("@Array(length = " + spec.dimensions() + ")");
		out.line("@Column(name = \"embedding\", nullable = false)");
		out.line("private float[] embedding;");
		out.line();
		parentField(out, spec);
		out.line("/** For JPA; the vectorizer writes the store. */");
		out.open("protected " + spec.className() + "() {");
		out.close("}");
		out.line();
		getter(out, "UUID", "embeddingUuid", "@Override");
		keyGetters(out, spec.key());
		getter(out, "int", "chunkSeq", "@Override");
		getter(out, "String", "chunk", "@Override");
		getter(out, "float[]", "embedding", "@Override");
		getter(out, spec.parentType(), "parent", "@Override");
		equalsHashCodeToString(out, spec);
		out.close("}");
		return out.toString();
	}

	String repositorySource(EmbeddingStoreSpec spec) {
		SourceWriter out = new SourceWriter();
		packageDeclaration(out, spec);
		imports(out, List.of("javax.annotation.processing.Generated", "",
				"io.github.pgaispring.repository.EmbeddingStoreRepository"));
		out.line("/**");
		out.line(" * Spring Data repository of the {@link " + spec.className() + "} embedding store. Generated from");
		out.line(" * {@code @Vectorized}.");
		out.line(" */");
		out.line(GENERATED);
		out.open("public interface " + spec.repositoryName() + " extends EmbeddingStoreRepository<" + spec.className()
				+ ", " + spec.parentType() + "> {");
		out.line();
		out.close("}");
		return out.toString();
	}

	private static void packageDeclaration(SourceWriter out, EmbeddingStoreSpec spec) {
		if (!spec.packageName().isEmpty()) {
			out.line("package " + spec.packageName() + ";");
			out.line();
		}
	}

	private static List<String> entityImports(EmbeddingStoreSpec spec) {
		boolean embedded = spec.key().embedded() != null;
		boolean composite = spec.key().columns().size() > 1;
		boolean joined = spec.parentFetch() == ParentFetch.JOINED;
		List<String> imports = new ArrayList<>(List.of("java.util.Objects", "java.util.UUID", "",
				"javax.annotation.processing.Generated", ""));
		if (embedded) {
			imports.add("jakarta.persistence.AttributeOverride");
		}
		imports.addAll(List.of("jakarta.persistence.Column", "jakarta.persistence.ConstraintMode"));
		if (embedded) {
			imports.add("jakarta.persistence.Embedded");
		}
		imports.addAll(List.of("jakarta.persistence.Entity", "jakarta.persistence.FetchType",
				"jakarta.persistence.ForeignKey", "jakarta.persistence.Id", "jakarta.persistence.JoinColumn"));
		if (composite) {
			imports.add("jakarta.persistence.JoinColumns");
		}
		imports.addAll(List.of("jakarta.persistence.ManyToOne", "jakarta.persistence.Table", "",
				"org.hibernate.annotations.Array"));
		if (joined) {
			imports.addAll(List.of("org.hibernate.annotations.Fetch", "org.hibernate.annotations.FetchMode"));
		}
		imports.addAll(List.of("org.hibernate.annotations.Immutable", "org.hibernate.annotations.JdbcTypeCode",
				"org.hibernate.type.SqlTypes", "", "io.github.pgaispring.jpa.EmbeddingChunk",
				"io.github.pgaispring.jpa.EmbeddingStore", "io.github.pgaispring.jpa.ParentFetch"));
		return imports;
	}

	private static void imports(SourceWriter out, List<String> types) {
		for (String type : types) {
			out.line(type.isEmpty() ? "" : "import " + type + ";");
		}
		out.line();
	}

	private static void keyFields(SourceWriter out, ParentKey key) {
		if (key.embedded() != null) {
			out.line("@Embedded");
			for (KeyColumn column : key.embedded().columns()) {
				out.line("@AttributeOverride(name = " + quote(column.attribute()) + ", column = @Column(name = "
						+ quote(column.column()) + ", nullable = false))");
			}
			out.line("private " + key.embedded().type() + " " + key.embedded().name() + ";");
			out.line();
			return;
		}
		for (KeyAttribute attribute : key.attributes()) {
			out.line("@Column(name = " + quote(attribute.column()) + ", nullable = false)");
			out.line("private " + attribute.type() + " " + attribute.name() + ";");
			out.line();
		}
	}

	private static void parentField(SourceWriter out, EmbeddingStoreSpec spec) {
		boolean joined = spec.parentFetch() == ParentFetch.JOINED;
		out.line("@ManyToOne(fetch = FetchType." + (joined ? "EAGER" : "LAZY") + ", optional = false)");
		if (joined) {
			out.line("@Fetch(FetchMode.JOIN)");
		}
		List<String> columns = spec.key().columns();
		String noConstraint = "foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT)";
		if (columns.size() == 1) {
			out.line(joinColumn(columns.get(0), ", " + noConstraint));
		}
		else {
			out.open("@JoinColumns(value = {");
			for (int i = 0; i < columns.size(); i++) {
				out.line(joinColumn(columns.get(i), "") + ((i < columns.size() - 1) ? "," : ""));
			}
			out.close("}, " + noConstraint + ")");
		}
		out.line("private " + spec.parentType() + " parent;");
		out.line();
	}

	private static String joinColumn(String column, String extra) {
		return "@JoinColumn(name = " + quote(column) + ", referencedColumnName = " + quote(column)
				+ ", insertable = false, updatable = false" + extra + ")";
	}

	private static void keyGetters(SourceWriter out, ParentKey key) {
		if (key.embedded() != null) {
			getter(out, key.embedded().type(), key.embedded().name(), null);
			return;
		}
		for (KeyAttribute attribute : key.attributes()) {
			getter(out, attribute.type(), attribute.name(), null);
		}
	}

	private static void getter(SourceWriter out, String type, String attribute, String annotation) {
		if (annotation != null) {
			out.line(annotation);
		}
		else {
			out.line("/** The parent's key attribute {@code " + attribute + "}, copied into the store. */");
		}
		out.open("public " + type + " get" + Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1)
				+ "() {");
		out.line("return this." + attribute + ";");
		out.close("}");
		out.line();
	}

	private static void equalsHashCodeToString(SourceWriter out, EmbeddingStoreSpec spec) {
		out.line("@Override");
		out.open("public boolean equals(Object other) {");
		out.open("if (this == other) {");
		out.line("return true;");
		out.close("}");
		out.line("return other instanceof " + spec.className()
				+ " that && this.embeddingUuid != null && this.embeddingUuid.equals(that.getEmbeddingUuid());");
		out.close("}");
		out.line();
		out.line("@Override");
		out.open("public int hashCode() {");
		out.line("return Objects.hashCode(this.embeddingUuid);");
		out.close("}");
		out.line();
		out.line("@Override");
		out.open("public String toString() {");
		StringBuilder key = new StringBuilder();
		for (String name : spec.key().attributeNames()) {
			key.append(" + \", ").append(name).append("=\" + this.").append(name);
		}
		out.line("return \"" + spec.className() + "[embeddingUuid=\" + this.embeddingUuid" + key
				+ " + \", chunkSeq=\" + this.chunkSeq + \"]\";");
		out.close("}");
		out.line();
	}

}
