package io.github.pgaispring.jpa;

import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.FloatJdbcType;
import org.hibernate.vector.internal.PGVectorJdbcType;

/**
 * Hibernate's pgvector {@code vector} type with a cheaper reader: {@link PgVectorText} instead of a string per
 * element. The entities generated for {@link Vectorized @Vectorized} map their {@code embedding} with it; writing
 * and SQL rendering are hibernate-vector's.
 */
public class PgVectorJdbcType extends PGVectorJdbcType {

	/** Creates the type, as hibernate-vector registers {@code vector} for PostgreSQL. */
	public PgVectorJdbcType() {
		super(FloatJdbcType.INSTANCE, SqlTypes.VECTOR, "vector");
	}

	@Override
	public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
		return new BasicExtractor<>(javaType, this) {

			@Override
			protected X doExtract(ResultSet rs, int paramIndex, WrapperOptions options) throws SQLException {
				return javaType.wrap(PgVectorText.parse(rs.getString(paramIndex)), options);
			}

			@Override
			protected X doExtract(CallableStatement statement, int index, WrapperOptions options) throws SQLException {
				return javaType.wrap(PgVectorText.parse(statement.getString(index)), options);
			}

			@Override
			protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
					throws SQLException {
				return javaType.wrap(PgVectorText.parse(statement.getString(name)), options);
			}

		};
	}

}
