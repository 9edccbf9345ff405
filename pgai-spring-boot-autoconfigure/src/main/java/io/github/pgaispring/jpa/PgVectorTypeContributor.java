package io.github.pgaispring.jpa;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.BasicArrayType;
import org.hibernate.type.BasicTypeReference;
import org.hibernate.type.BasicTypeRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.StandardBasicTypes;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;
import org.hibernate.type.spi.TypeConfiguration;

import org.springframework.util.ClassUtils;

/**
 * Replaces hibernate-vector's readers of PostgreSQL {@code vector} and {@code halfvec} values ({@code float[]}
 * attributes mapped with {@code SqlTypes.VECTOR}, {@code VECTOR_FLOAT32} or {@code VECTOR_FLOAT16}, such as the
 * {@code embedding} of the entities generated for {@link Vectorized @Vectorized}) with {@link PgVectorJdbcType}, which
 * reads the same floats for a fraction of the CPU. Hibernate finds it through {@code META-INF/services}; it runs after
 * hibernate-vector's own contributor (a higher {@link #ordinal()}) and does nothing without hibernate-vector or on
 * another database.
 */
public class PgVectorTypeContributor implements TypeContributor {

	private static final boolean HIBERNATE_VECTOR_PRESENT = ClassUtils.isPresent(
			"org.hibernate.vector.internal.PGVectorJdbcType", PgVectorTypeContributor.class.getClassLoader());

	@Override
	public void contribute(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
		if (HIBERNATE_VECTOR_PRESENT
				&& serviceRegistry.requireService(JdbcServices.class).getDialect() instanceof PostgreSQLDialect) {
			Registration.register(typeContributions.getTypeConfiguration());
		}
	}

	/** After hibernate-vector's contributors, which have the default ordinal. */
	@Override
	public int ordinal() {
		return TypeContributor.super.ordinal() + 100;
	}

	/** Touches hibernate-vector's classes only when they are present. */
	private static final class Registration {

		static void register(TypeConfiguration typeConfiguration) {
			register(typeConfiguration, SqlTypes.VECTOR, "vector", StandardBasicTypes.VECTOR);
			register(typeConfiguration, SqlTypes.VECTOR_FLOAT32, "vector", StandardBasicTypes.VECTOR_FLOAT32);
			register(typeConfiguration, SqlTypes.VECTOR_FLOAT16, "halfvec", StandardBasicTypes.VECTOR_FLOAT16);
		}

		private static void register(TypeConfiguration typeConfiguration, int sqlType, String typeName,
				BasicTypeReference<float[]> basicType) {
			JdbcTypeRegistry jdbcTypes = typeConfiguration.getJdbcTypeRegistry();
			BasicTypeRegistry basicTypes = typeConfiguration.getBasicTypeRegistry();
			JdbcType jdbcType = new PgVectorJdbcType(jdbcTypes.getDescriptor(SqlTypes.FLOAT), sqlType, typeName);
			jdbcTypes.addDescriptor(sqlType, jdbcType);
			basicTypes.register(new BasicArrayType<>(basicTypes.resolve(StandardBasicTypes.FLOAT), jdbcType,
					typeConfiguration.getJavaTypeRegistry().resolveDescriptor(float[].class)), basicType.getName());
		}

	}

}
