package io.github.pgaispring.jpa;

import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.vector.internal.PGVectorJdbcType;
import org.jspecify.annotations.Nullable;

/**
 * hibernate-vector's PostgreSQL {@code vector}/{@code halfvec} type with a cheaper reader: {@link PgVectorText}
 * instead of a string and a {@code Float.parseFloat} per element, the same floats bit for bit. Binding, casts and
 * SQL rendering stay hibernate-vector's. {@link PgVectorTypeContributor} registers it.
 */
final class PgVectorJdbcType extends PGVectorJdbcType {

	PgVectorJdbcType(JdbcType floatJdbcType, int sqlType, String typeName) {
		super(floatJdbcType, sqlType, typeName);
	}

	@Override
	public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
		return new BasicExtractor<>(javaType, this) {

			@Override
			protected X doExtract(ResultSet rs, int paramIndex, WrapperOptions options) throws SQLException {
				return javaType.wrap(parse(rs.getString(paramIndex)), options);
			}

			@Override
			protected X doExtract(CallableStatement statement, int index, WrapperOptions options) throws SQLException {
				return javaType.wrap(parse(statement.getString(index)), options);
			}

			@Override
			protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
					throws SQLException {
				return javaType.wrap(parse(statement.getString(name)), options);
			}

		};
	}

	private static float @Nullable [] parse(@Nullable String text) {
		return (text != null) ? PgVectorText.parse(text) : null;
	}

}
