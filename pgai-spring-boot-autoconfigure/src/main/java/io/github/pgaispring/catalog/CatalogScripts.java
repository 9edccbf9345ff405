package io.github.pgaispring.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The SQL of the catalog, read from the classpath: the bootstrap (bookkeeping tables), the versioned migrations in
 * version order, the starter's implementation of pgai's SQL API ({@code idempotent/}) and the starter's additions to
 * it ({@code additions/}), each in file-name order.
 *
 * @param bootstrap SQL that creates the installer's bookkeeping tables if they are missing
 * @param migrations the versioned migrations, by ascending version
 * @param pgaiApi the {@code create or replace} scripts of pgai's functions and views, concatenated; installed only
 * where the starter provides pgai's SQL API
 * @param additions the {@code create or replace} scripts of the starter's additions, concatenated; installed on every
 * catalog, including one whose pgai SQL API pgai's installer created
 * @param pgaiApiChecksum the SHA-256 of the pgai API scripts (names and contents)
 * @param additionsChecksum the SHA-256 of the additions (names and contents)
 */
record CatalogScripts(String bootstrap, List<CatalogMigration> migrations, String pgaiApi, String additions,
		String pgaiApiChecksum, String additionsChecksum) {

	/** The placeholder for the schema of the {@code vector} extension, as in pgai's {@code ai.sql}. */
	static final String VECTOR_SCHEMA_PLACEHOLDER = "@extschema:vector@";

	private static final String LOCATION = "classpath:io/github/pgaispring/catalog/";

	private static final Pattern MIGRATION_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

	/**
	 * Reads the catalog SQL with the given class loader.
	 * @param classLoader the class loader to read the resources with
	 * @return the scripts
	 */
	static CatalogScripts load(ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		String bootstrap = read(resolver.getResource(LOCATION + "bootstrap.sql"));
		List<CatalogMigration> migrations = new ArrayList<>();
		for (Resource resource : resources(resolver, "migration/V*.sql")) {
			Matcher name = MIGRATION_NAME.matcher(resource.getFilename());
			if (!name.matches()) {
				throw new CatalogInstallationException("Catalog migration " + resource.getFilename()
						+ " is not named V<version>__<description>.sql");
			}
			String sql = read(resource);
			migrations.add(new CatalogMigration(Integer.parseInt(name.group(1)), name.group(2), sql, sha256(sql)));
		}
		migrations.sort(Comparator.comparingInt(CatalogMigration::version));
		Scripts pgaiApi = Scripts.of(resolver, "idempotent/*.sql");
		Scripts additions = Scripts.of(resolver, "additions/*.sql");
		return new CatalogScripts(bootstrap, List.copyOf(migrations), pgaiApi.sql(), additions.sql(),
				pgaiApi.checksum(), additions.checksum());
	}

	/**
	 * Renders scripts for a database: the {@value #VECTOR_SCHEMA_PLACEHOLDER} placeholder becomes the quoted schema of
	 * the {@code vector} extension.
	 * @param sql the scripts
	 * @param quotedVectorSchema the schema, quoted as an identifier where needed
	 * @return the SQL to run
	 */
	static String render(String sql, String quotedVectorSchema) {
		return sql.replace(VECTOR_SCHEMA_PLACEHOLDER, quotedVectorSchema);
	}

	/** Scripts of one directory, concatenated in file-name order, and their checksum. */
	private record Scripts(String sql, String checksum) {

		static Scripts of(PathMatchingResourcePatternResolver resolver, String pattern) {
			StringBuilder scripts = new StringBuilder();
			StringBuilder checksummed = new StringBuilder();
			for (Resource resource : resources(resolver, pattern)) {
				String sql = read(resource);
				scripts.append(sql).append('\n');
				checksummed.append(resource.getFilename()).append('\n').append(sql).append('\n');
			}
			return new Scripts(scripts.toString(), sha256(checksummed.toString()));
		}

	}

	private static List<Resource> resources(PathMatchingResourcePatternResolver resolver, String pattern) {
		try {
			List<Resource> resources = new ArrayList<>(List.of(resolver.getResources(LOCATION + pattern)));
			if (resources.isEmpty()) {
				throw new CatalogInstallationException("No catalog SQL found at " + LOCATION + pattern
						+ "; the pgai-spring-boot-autoconfigure jar is incomplete");
			}
			resources.sort(Comparator.comparing(Resource::getFilename));
			return resources;
		}
		catch (IOException ex) {
			throw new CatalogInstallationException("Cannot list the catalog SQL at " + LOCATION + pattern, ex);
		}
	}

	private static String read(Resource resource) {
		try (InputStream input = resource.getInputStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
		}
		catch (IOException ex) {
			throw new CatalogInstallationException("Cannot read the catalog SQL " + resource, ex);
		}
	}

	static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", ex);
		}
	}

}
