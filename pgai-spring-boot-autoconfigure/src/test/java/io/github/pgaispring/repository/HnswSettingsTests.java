package io.github.pgaispring.repository;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Which pgvector settings a search sends, and the fallback on pgvector before 0.8 (no iterative scans).
 */
class HnswSettingsTests {

	private static final MethodTuning DEFAULTS = MethodTuning.of(null, SearchDefaults.defaults(), "test");

	@Test
	void autoSendsNothingForAPlainSearchAndNeverAsksForTheVersionThen() {
		assertThat(HnswSettings.of(DEFAULTS, false, false, 10, () -> fail("version asked"))).isEqualTo(HnswSettings.NONE);
	}

	@Test
	void autoUsesRelaxedOrderForConditionsAndStrictOrderForPagesAndLongLists() {
		assertThat(HnswSettings.of(DEFAULTS, true, false, 10, () -> true))
			.isEqualTo(new HnswSettings(Map.of("hnsw.iterative_scan", "relaxed_order"), true));
		assertThat(HnswSettings.of(DEFAULTS, true, true, 10, () -> true))
			.isEqualTo(new HnswSettings(Map.of("hnsw.iterative_scan", "strict_order"), false));
		assertThat(HnswSettings.of(DEFAULTS, false, false, 41, () -> true))
			.isEqualTo(new HnswSettings(Map.of("hnsw.iterative_scan", "strict_order"), false));
	}

	@Test
	void explicitValuesAreSent() {
		MethodTuning tuning = MethodTuning.of(null,
				new SearchDefaults(100, IterativeScan.OFF, 30000, 1000, 60, 4), "test");
		assertThat(HnswSettings.of(tuning, true, false, 10, () -> true).values()).containsExactly(
				Map.entry("hnsw.ef_search", "100"), Map.entry("hnsw.iterative_scan", "off"),
				Map.entry("hnsw.max_scan_tuples", "30000"));
	}

	@Test
	void beforePgvector08TheCandidateListGrowsInsteadOfIterativeScans() {
		assertThat(HnswSettings.of(DEFAULTS, true, false, 10, () -> false)).isEqualTo(HnswSettings.NONE);
		assertThat(HnswSettings.of(DEFAULTS, false, true, 60, () -> false))
			.isEqualTo(new HnswSettings(Map.of("hnsw.ef_search", "60"), false));
		assertThat(HnswSettings.of(DEFAULTS, false, false, 5000, () -> false).values())
			.containsEntry("hnsw.ef_search", "1000");
		MethodTuning ef = MethodTuning.of(null, new SearchDefaults(80, IterativeScan.AUTO, 30000, 1000, 60, 4), "test");
		assertThat(HnswSettings.of(ef, true, false, 10, () -> false).values()).containsExactly(
				Map.entry("hnsw.ef_search", "80"));
	}

	@Test
	void versionsWithIterativeScans() {
		assertThat(PgvectorVersion.hasIterativeScans("0.8.0")).isTrue();
		assertThat(PgvectorVersion.hasIterativeScans("0.8.1")).isTrue();
		assertThat(PgvectorVersion.hasIterativeScans("1.0.0")).isTrue();
		assertThat(PgvectorVersion.hasIterativeScans("0.7.4")).isFalse();
		assertThat(PgvectorVersion.hasIterativeScans("0.5.1")).isFalse();
		assertThat(PgvectorVersion.hasIterativeScans(null)).isFalse();
	}

}
