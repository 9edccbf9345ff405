package io.github.pgaispring.repository;

/** What a pgvector version ({@code pg_extension.extversion}) offers the searches. */
final class PgvectorVersion {

	private PgvectorVersion() {
	}

	/**
	 * Whether the version has iterative index scans ({@code hnsw.iterative_scan}, 0.8.0 and later).
	 * @param version e.g. {@code 0.8.0}, or {@code null} when the extension is missing
	 * @return whether iterative scans exist
	 */
	static boolean hasIterativeScans(String version) {
		if (version == null) {
			return false;
		}
		String[] parts = version.split("\\.");
		try {
			int major = Integer.parseInt(parts[0]);
			int minor = (parts.length > 1) ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
			return major > 0 || minor >= 8;
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

}
