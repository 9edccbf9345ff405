package io.github.pgaispring.jpa.processor;

import java.beans.Introspector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import io.github.pgaispring.jpa.EmbeddingStore;
import io.github.pgaispring.jpa.Vectorized;
import io.github.pgaispring.jpa.processor.ParentKey.EmbeddedKey;
import io.github.pgaispring.jpa.processor.ParentKey.KeyAttribute;
import io.github.pgaispring.jpa.processor.ParentKey.KeyColumn;

/**
 * Reads a {@code @Vectorized} attribute and its entity into an {@link EmbeddingStoreSpec}, checking the
 * mapping rules.
 */
final class EmbeddingStoreSpecReader {

	private static final String JPA = "jakarta.persistence.";

	private static final String STORE_SUFFIX = "_embedding_store";

	private static final List<String> STORE_ATTRIBUTES = List.of("embeddingUuid", "chunkSeq", "chunk", "embedding",
			"parent");

	private final Elements elements;

	private final Types types;

	EmbeddingStoreSpecReader(Elements elements, Types types) {
		this.elements = elements;
		this.types = types;
	}

	EmbeddingStoreSpec read(VariableElement field) throws InvalidVectorizedMappingException {
		TypeElement parent = (TypeElement) field.getEnclosingElement();
		String where = parent.getSimpleName() + "." + field.getSimpleName();
		if (!AnnotationValues.has(parent, JPA + "Entity")) {
			throw new InvalidVectorizedMappingException(field,
					"@Vectorized " + where + " must be declared in an @Entity class");
		}
		String mappedBy = AnnotationValues.find(field, JPA + "OneToMany")
			.map((oneToMany) -> AnnotationValues.string(oneToMany, "mappedBy"))
			.orElse(null);
		if (!"parent".equals(mappedBy)) {
			throw new InvalidVectorizedMappingException(field,
					"@Vectorized " + where + " must also be annotated @OneToMany(mappedBy = \"parent\")");
		}
		String packageName = this.elements.getPackageOf(parent).getQualifiedName().toString();
		String className = embeddingClassName(field, where, packageName);
		Vectorized vectorized = field.getAnnotation(Vectorized.class);
		if (vectorized.dimensions() < 1) {
			throw new InvalidVectorizedMappingException(field,
					"@Vectorized " + where + " needs dimensions >= 1, the length of the store's vectors");
		}
		ParentKey key = readKey(parent, where);
		for (String name : key.attributeNames()) {
			if (STORE_ATTRIBUTES.contains(name)) {
				throw new InvalidVectorizedMappingException(field, "The primary key attribute '" + name + "' of "
						+ parent.getSimpleName() + " clashes with the embedding store attribute of the same name");
			}
		}
		String schema = vectorized.targetSchema().isEmpty()
				? AnnotationValues.string(parent, JPA + "Table", "schema") : vectorized.targetSchema();
		String table = vectorized.targetTable().isEmpty() ? storeTable(tableName(parent)) : vectorized.targetTable();
		return new EmbeddingStoreSpec(packageName, className, parent.getQualifiedName().toString(),
				field.getSimpleName().toString(), vectorized.dimensions(), schema, table, vectorized.parentFetch(),
				vectorized.repository(), key);
	}

	private String embeddingClassName(VariableElement field, String where, String packageName)
			throws InvalidVectorizedMappingException {
		TypeMirror collection = this.types
			.erasure(this.elements.getTypeElement("java.util.Collection").asType());
		if (!(field.asType() instanceof DeclaredType declared) || declared.getTypeArguments().size() != 1
				|| !this.types.isAssignable(this.types.erasure(declared), collection)) {
			throw new InvalidVectorizedMappingException(field, "@Vectorized " + where
					+ " must be a List or Set of the embedding class to generate, e.g. List<" + suggestedName(field)
					+ ">");
		}
		TypeMirror element = declared.getTypeArguments().get(0);
		String written = element.toString();
		String simpleName = written.substring(written.lastIndexOf('.') + 1);
		if (element.getKind() == TypeKind.DECLARED) {
			TypeElement existing = (TypeElement) ((DeclaredType) element).asElement();
			if (existing.getAnnotation(EmbeddingStore.class) == null) {
				throw new InvalidVectorizedMappingException(field, "@Vectorized " + where + " declares elements of the existing type "
						+ existing.getQualifiedName() + "; name a new class instead (e.g. " + suggestedName(field)
						+ "), which the processor generates");
			}
			written = existing.getQualifiedName().toString();
			simpleName = existing.getSimpleName().toString();
		}
		else if (element.getKind() != TypeKind.ERROR) {
			throw new InvalidVectorizedMappingException(field,
					"@Vectorized " + where + " must declare the embedding class as its element type");
		}
		if (written.contains(".") && !written.equals(qualify(packageName, simpleName))) {
			throw new InvalidVectorizedMappingException(field, "The embedding class of @Vectorized " + where
					+ " is generated in package '" + packageName + "'; refer to it as " + simpleName);
		}
		return simpleName;
	}

	private static String suggestedName(VariableElement field) {
		String attribute = field.getSimpleName().toString();
		String singular = attribute.endsWith("s") ? attribute.substring(0, attribute.length() - 1) : attribute;
		return field.getEnclosingElement().getSimpleName().toString() + Character.toUpperCase(singular.charAt(0))
				+ singular.substring(1);
	}

	private static String qualify(String packageName, String simpleName) {
		return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
	}

	private String tableName(TypeElement entity) {
		String table = AnnotationValues.string(entity, JPA + "Table", "name");
		if (!table.isEmpty()) {
			return table;
		}
		String entityName = AnnotationValues.string(entity, JPA + "Entity", "name");
		return entityName.isEmpty() ? entity.getSimpleName().toString() : entityName;
	}

	/** {@code <table>_embedding_store}, keeping a quoted table name quoted. */
	static String storeTable(String parentTable) {
		int last = parentTable.length() - 1;
		if (last > 0 && (parentTable.charAt(0) == '"' || parentTable.charAt(0) == '`')
				&& parentTable.charAt(last) == parentTable.charAt(0)) {
			return parentTable.substring(0, last) + STORE_SUFFIX + parentTable.charAt(last);
		}
		return parentTable + STORE_SUFFIX;
	}

	private ParentKey readKey(TypeElement entity, String where) throws InvalidVectorizedMappingException {
		Map<String, String> classOverrides = columnOverrides(entity);
		List<KeyAttribute> attributes = new ArrayList<>();
		EmbeddedKey embedded = null;
		for (TypeElement type = entity; type != null; type = mappedSuperclass(type)) {
			for (Element member : type.getEnclosedElements()) {
				String name = attributeName(member);
				if (name == null) {
					continue;
				}
				if (AnnotationValues.has(member, JPA + "EmbeddedId")) {
					embedded = embeddedKey(member, name, where);
				}
				else if (AnnotationValues.has(member, JPA + "Id")) {
					if (AnnotationValues.has(member, JPA + "ManyToOne") || AnnotationValues.has(member, JPA + "OneToOne")) {
						throw new InvalidVectorizedMappingException(member, "The @Id association '" + name + "' of "
								+ entity.getSimpleName() + " cannot be copied into the embedding store of @Vectorized "
								+ where + "; only basic and embedded keys are supported");
					}
					String column = AnnotationValues.string(member, JPA + "Column", "name");
					column = classOverrides.getOrDefault(name, column.isEmpty() ? name : column);
					attributes.add(new KeyAttribute(name, typeName(attributeType(member)), column));
				}
			}
		}
		if (embedded == null && attributes.isEmpty()) {
			throw new InvalidVectorizedMappingException(entity,
					entity.getSimpleName() + " needs an @Id or @EmbeddedId for @Vectorized " + where);
		}
		if (embedded != null && !attributes.isEmpty()) {
			throw new InvalidVectorizedMappingException(entity,
					entity.getSimpleName() + " mixes @Id and @EmbeddedId; @Vectorized " + where + " cannot copy its key");
		}
		if (attributes.size() > 1 && !AnnotationValues.has(entity, JPA + "IdClass")) {
			throw new InvalidVectorizedMappingException(entity, entity.getSimpleName()
					+ " has several @Id attributes but no @IdClass; @Vectorized " + where + " needs one of the two");
		}
		return new ParentKey(List.copyOf(attributes), embedded);
	}

	private EmbeddedKey embeddedKey(Element member, String name, String where)
			throws InvalidVectorizedMappingException {
		TypeMirror type = attributeType(member);
		if (!(type instanceof DeclaredType declared)) {
			throw new InvalidVectorizedMappingException(member, "The @EmbeddedId of @Vectorized " + where + " must be a class");
		}
		TypeElement embeddable = (TypeElement) declared.asElement();
		Map<String, String> overrides = columnOverrides(member);
		List<KeyColumn> columns = new ArrayList<>();
		for (VariableElement field : persistentFields(embeddable)) {
			if (AnnotationValues.has(field, JPA + "Embedded") || AnnotationValues.has(field, JPA + "ManyToOne")) {
				throw new InvalidVectorizedMappingException(member, "The @EmbeddedId of @Vectorized " + where
						+ " may only hold basic attributes, not '" + field.getSimpleName() + "'");
			}
			String attribute = field.getSimpleName().toString();
			String column = AnnotationValues.string(field, JPA + "Column", "name");
			columns.add(new KeyColumn(attribute,
					overrides.getOrDefault(attribute, column.isEmpty() ? attribute : column)));
		}
		return new EmbeddedKey(name, embeddable.getQualifiedName().toString(), List.copyOf(columns));
	}

	private List<VariableElement> persistentFields(TypeElement type) {
		List<VariableElement> fields = new ArrayList<>();
		for (Element member : type.getEnclosedElements()) {
			if (member.getKind() == ElementKind.FIELD && !member.getModifiers().contains(Modifier.STATIC)
					&& !member.getModifiers().contains(Modifier.TRANSIENT)
					&& !AnnotationValues.has(member, JPA + "Transient")) {
				fields.add((VariableElement) member);
			}
		}
		return fields;
	}

	/** Column names set by {@code @AttributeOverride}s on the element, keyed by attribute name. */
	private Map<String, String> columnOverrides(Element element) {
		List<AnnotationMirror> overrides = new ArrayList<>();
		AnnotationValues.find(element, JPA + "AttributeOverride").ifPresent(overrides::add);
		AnnotationValues.find(element, JPA + "AttributeOverrides")
			.ifPresent((container) -> overrides.addAll(AnnotationValues.annotations(container, "value")));
		Map<String, String> columns = new LinkedHashMap<>();
		for (AnnotationMirror override : overrides) {
			AnnotationMirror column = (AnnotationMirror) AnnotationValues.value(override, "column");
			String name = AnnotationValues.string(column, "name");
			if (!name.isEmpty()) {
				columns.put(AnnotationValues.string(override, "name"), name);
			}
		}
		return columns;
	}

	private TypeElement mappedSuperclass(TypeElement type) {
		if (type.getSuperclass() instanceof DeclaredType superclass) {
			TypeElement element = (TypeElement) superclass.asElement();
			if (AnnotationValues.has(element, JPA + "MappedSuperclass") || AnnotationValues.has(element, JPA + "Entity")) {
				return element;
			}
		}
		return null;
	}

	/** The persistent attribute a field or getter stands for, or {@code null}. */
	private static String attributeName(Element member) {
		if (member.getKind() == ElementKind.FIELD) {
			return member.getSimpleName().toString();
		}
		if (member.getKind() == ElementKind.METHOD && ((ExecutableElement) member).getParameters().isEmpty()) {
			String method = member.getSimpleName().toString();
			if (method.startsWith("get") && method.length() > 3) {
				return Introspector.decapitalize(method.substring(3));
			}
			if (method.startsWith("is") && method.length() > 2) {
				return Introspector.decapitalize(method.substring(2));
			}
		}
		return null;
	}

	private static TypeMirror attributeType(Element member) {
		return (member instanceof ExecutableElement method) ? method.getReturnType() : member.asType();
	}

	/** Source text for a type, without type annotations. */
	private String typeName(TypeMirror type) {
		if (type.getKind().isPrimitive()) {
			return this.types.getPrimitiveType(type.getKind()).toString();
		}
		if (type instanceof DeclaredType declared) {
			TypeElement element = (TypeElement) declared.asElement();
			boolean javaLang = this.elements.getPackageOf(element).getQualifiedName().contentEquals("java.lang");
			return (javaLang ? element.getSimpleName() : element.getQualifiedName()).toString();
		}
		return type.toString();
	}

}
