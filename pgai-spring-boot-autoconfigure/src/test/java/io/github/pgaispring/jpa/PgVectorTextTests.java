package io.github.pgaispring.jpa;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PgVectorText} reads bit for bit the floats {@link Float#parseFloat(String)} reads, from pgvector's own
 * text output and from decimals chosen to sit next to the points where rounding to float changes direction.
 */
@PostgresTest
class PgVectorTextTests {

	@Test
	void readsPgvectorsTextForm() {
		assertThat(PgVectorText.parse("[0.04408308,-1.3819076e-05,1,-0,3e+20,0.1,.5,7.]"))
			.containsExactly(0.04408308f, -1.3819076e-05f, 1f, -0.0f, 3e20f, 0.1f, 0.5f, 7f);
		assertThat(Float.floatToRawIntBits(PgVectorText.parse("[-0]")[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
		assertThat(PgVectorText.parse("[]")).isEmpty();
		assertThat(PgVectorText.parse("[1e-40,3.4028235e+38,1e39, 2 ]"))
			.containsExactly(1e-40f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, 2f);
	}

	@Test
	void rejectsWhatIsNoVector() {
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("1,2"))
			.withMessageContaining("Not a pgvector value: 1,2");
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("[1,x]"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("[1,,2]"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("[1e]"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> PgVectorText.parse("[-]"));
	}

	@Test
	void randomFloatsInEveryFormReadBackAsFloatParseFloatReadsThem() {
		SplittableRandom random = new SplittableRandom(1);
		List<String> decimals = new ArrayList<>();
		for (int i = 0; i < 200_000; i++) {
			float value = switch (i % 4) {
				case 0 -> (float) random.nextGaussian() / 20;
				case 1 -> Float.intBitsToFloat(random.nextInt());
				case 2 -> (float) (random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
				default -> Math.round(random.nextDouble() * 1e6) / 1e4f;
			};
			if (Float.isFinite(value)) {
				decimals.add((i % 2 == 0) ? Float.toString(value) : pgvectorStyle(value));
			}
		}
		assertReadAsFloatParseFloat(decimals);
	}

	/**
	 * Decimals of up to 17 significant digits just below, at and just above the points halfway between two
	 * floats, including those at powers of two, where the float below is nearer than the float above.
	 */
	@Test
	void decimalsNextToHalfwayPointsReadAsFloatParseFloatReadsThem() {
		SplittableRandom random = new SplittableRandom(2);
		List<String> decimals = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			float value = (i % 3 == 0) ? Math.scalb(1f, random.nextInt(-70, 70))
					: Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f00_0000));
			BigDecimal exact = new BigDecimal(value);
			for (float neighbour : new float[] { Math.nextUp(value), Math.nextDown(value) }) {
				BigDecimal halfway = exact.add(new BigDecimal(neighbour)).divide(BigDecimal.valueOf(2));
				for (int digits = 9; digits <= 17; digits++) {
					for (RoundingMode mode : new RoundingMode[] { RoundingMode.FLOOR, RoundingMode.CEILING }) {
						String decimal = halfway.round(new MathContext(digits, mode)).toString();
						decimals.add(decimal);
						decimals.add("-" + decimal);
					}
				}
				decimals.add(halfway.toString());
			}
		}
		assertReadAsFloatParseFloat(decimals);
	}

	/** What pgvector itself prints, read back: exactly the floats stored, for {@code vector} and {@code halfvec}. */
	@Test
	void pgvectorsOwnOutputReadsBackAsTheStoredFloats(DataSource dataSource) throws SQLException {
		SplittableRandom random = new SplittableRandom(3);
		List<float[]> stored = new ArrayList<>();
		List<float[]> halves = new ArrayList<>();
		for (int row = 0; row < 500; row++) {
			float[] vector = new float[384];
			float[] half = new float[384];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = switch ((row + i) % 3) {
					case 0 -> (float) random.nextGaussian() / 20;
					case 1 -> Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f00_0000)) * (random.nextBoolean() ? 1 : -1);
					default -> (float) (random.nextDouble() * Math.pow(10, random.nextInt(-37, 38)));
				};
				half[i] = (i % 2 == 0) ? (float) random.nextGaussian() / 20
						: (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-7, 5)));
			}
			stored.add(vector);
			halves.add(half);
		}
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table vectors (id int primary key, embedding vector(384), half halfvec(384))");
			}
			try (PreparedStatement insert = connection.prepareStatement("insert into vectors values (?, ?::vector, ?::halfvec)")) {
				for (int row = 0; row < stored.size(); row++) {
					insert.setInt(1, row);
					insert.setString(2, new PGvector(stored.get(row)).getValue());
					insert.setString(3, new PGvector(halves.get(row)).getValue());
					insert.addBatch();
				}
				insert.executeBatch();
			}
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select id, embedding::text, half::text"
							+ " from vectors order by id")) {
				while (rows.next()) {
					float[] expected = stored.get(rows.getInt(1));
					assertSameBits(PgVectorText.parse(rows.getString(2)), expected);
					String halfvec = rows.getString(3);
					assertSameBits(PgVectorText.parse(halfvec), new PGvector(halfvec).toArray());
				}
			}
		}
	}

	private static void assertReadAsFloatParseFloat(List<String> decimals) {
		float[] parsed = PgVectorText.parse("[" + String.join(",", decimals) + "]");
		assertThat(parsed).hasSize(decimals.size());
		for (int i = 0; i < parsed.length; i++) {
			assertThat(Float.floatToRawIntBits(parsed[i])).as(decimals.get(i))
				.isEqualTo(Float.floatToRawIntBits(Float.parseFloat(decimals.get(i))));
		}
	}

	private static void assertSameBits(float[] actual, float[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < actual.length; i++) {
			assertThat(Float.floatToRawIntBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
				.isEqualTo(Float.floatToRawIntBits(expected[i]));
		}
	}

	/** pgvector's style of exponent: lower case, with a sign and at least two digits. */
	private static String pgvectorStyle(float value) {
		String java = Float.toString(value);
		int e = java.indexOf('E');
		if (e < 0) {
			return java.endsWith(".0") ? java.substring(0, java.length() - 2) : java;
		}
		int exponent = Integer.parseInt(java.substring(e + 1));
		return java.substring(0, e) + "e" + ((exponent < 0) ? "-" : "+") + String.format("%02d", Math.abs(exponent));
	}

}
