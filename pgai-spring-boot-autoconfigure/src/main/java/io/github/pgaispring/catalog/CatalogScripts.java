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
 * version order and the idempotent scripts in file-name order.
 *
 * @param bootstrap SQL that creates the installer's bookkeeping tables if they are missing
 * @param migrations the versioned migrations, by ascending version
 * @param idempotentScripts the {@code create or replace} scripts, concatenated in file-name order
 * @param idempotentChecksum the SHA-256 of the idempotent scripts (names and contents)
 */
record CatalogScripts(String bootstrap, List<CatalogMigration> migrations, String idempotentScripts,
		String idempotentChecksum) {

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
		StringBuilder scripts = new StringBuilder();
		StringBuilder checksummed = new StringBuilder();
		for (Resource resource : resources(resolver, "idempotent/*.sql")) {
			String sql = read(resource);
			scripts.append(sql).append('\n');
			checksummed.append(resource.getFilename()).append('\n').append(sql).append('\n');
		}
		return new CatalogScripts(bootstrap, List.copyOf(migrations), scripts.toString(),
				sha256(checksummed.toString()));
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
