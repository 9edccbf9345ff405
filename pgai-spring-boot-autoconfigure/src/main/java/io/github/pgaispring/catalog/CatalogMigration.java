package io.github.pgaispring.catalog;

/**
 * A versioned catalog migration: SQL that runs once per database and is recorded in
 * {@code ai.pgai_spring_migration}.
 *
 * @param version the version, from the file name {@code V<version>__<description>.sql}
 * @param description the description, from the file name
 * @param sql the SQL
 * @param checksum the SHA-256 of the SQL, which must never change once the migration is released
 */
record CatalogMigration(int version, String description, String sql, String checksum) {

}
