package io.github.pgaispring.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link VectorLiteral} writes vectors that read back as exactly the floats written, in Java and in pgvector. */
@PostgresTest
class VectorLiteralTests {

	@Test
	void writesNineSignificantDigitsOfTheFloatWithoutTrailingZeros() {
		assertThat(VectorLiteral.of(new float[] { 0.5f, -2f, 3e20f, 0.04408308f, 0f, -0f, 1f, 123456.79f }))
			.isEqualTo("[5e-1,-2,300000006e12,440830812e-10,0.0,-0.0,1,123456789e-3]");
		assertThat(VectorLiteral.of(new float[0])).isEqualTo("[]");
	}

	@Test
	void everyKindOfFloatReadsBackBitForBit() {
		SplittableRandom random = new SplittableRandom(7);
		float[] vector = new float[400_000];
		for (int i = 0; i < vector.length; i++) {
			float value;
			do {
				value = switch (i % 4) {
					case 0 -> Float.intBitsToFloat(random.nextInt());
					case 1 -> (float) random.nextGaussian() / 20;
					case 2 -> Math.nextUp(Math.scalb(1f, random.nextInt(-149, 127)));
					default -> Float.intBitsToFloat(random.nextInt(1, 0x0080_0000));
				};
			}
			while (!Float.isFinite(value));
			vector[i] = value;
		}
		vector[0] = Float.MAX_VALUE;
		vector[1] = -Float.MIN_VALUE;
		vector[2] = Float.MIN_NORMAL;
		vector[3] = 1e-10f;
		String literal = VectorLiteral.of(vector);
		String[] elements = literal.substring(1, literal.length() - 1).split(",");
		assertThat(elements).hasSize(vector.length);
		for (int i = 0; i < vector.length; i++) {
			assertThat(Float.floatToRawIntBits(Float.parseFloat(elements[i]))).as(elements[i])
				.isEqualTo(Float.floatToRawIntBits(vector[i]));
		}
	}

	@Test
	void pgvectorReadsTheFloatsWritten(DataSource dataSource) throws SQLException {
		SplittableRandom random = new SplittableRandom(8);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select cast(? as vector)::text")) {
			for (int row = 0; row < 200; row++) {
				float[] vector = new float[384];
				for (int i = 0; i < vector.length; i++) {
					vector[i] = (row % 2 == 0) ? (float) random.nextGaussian() / 20
							: Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f00_0000)) * (random.nextBoolean() ? 1 : -1);
				}
				statement.setString(1, VectorLiteral.of(vector));
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					float[] stored = new PGvector(result.getString(1)).toArray();
					for (int i = 0; i < vector.length; i++) {
						assertThat(Float.floatToRawIntBits(stored[i])).as("row %d element %d", row, i)
							.isEqualTo(Float.floatToRawIntBits(vector[i]));
					}
				}
			}
		}
	}

}
