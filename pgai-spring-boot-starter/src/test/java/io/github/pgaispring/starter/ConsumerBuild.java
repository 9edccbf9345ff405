package io.github.pgaispring.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.TestPostgres;

/**
 * What the invoker's hook scripts ({@code src/it/<project>/prebuild.groovy} and {@code postbuild.groovy}) do
 * around a consumer build: give it a fresh database on the test server ({@link TestPostgres}: the same choice
 * as every other test) and check its log.
 */
public final class ConsumerBuild {

	private static final String DATABASE = "pgai.consumer.database";

	private ConsumerBuild() {
	}

	/**
	 * Creates a database for the consumer build and passes {@code spring.datasource.*} to it as user properties
	 * (Surefire hands those to the test JVM as system properties).
	 * @param context the invoker's script context, shared by the build's hook scripts
	 * @param project the consumer project's directory
	 */
	public static void createDatabase(Map<String, Object> context, Path project) throws ClassNotFoundException {
		// each hook script has its own class loader, and DriverManager hands out only drivers its caller can see
		Class.forName("org.postgresql.Driver", true, ConsumerBuild.class.getClassLoader());
		FreshDatabase database = TestPostgres.server().createDatabase("it_" + project.getFileName());
		context.put(DATABASE, database);
		((Properties) context.get("userProperties")).putAll(database.springProperties());
	}

	/**
	 * Drops the database {@link #createDatabase} made, if it made one.
	 * @param context the invoker's script context
	 */
	public static void dropDatabase(Map<String, Object> context) {
		Object database = context.remove(DATABASE);
		if (database instanceof FreshDatabase fresh) {
			fresh.drop();
		}
	}

	/**
	 * Drops the build's database, then checks that the build passed its tests without a CUDA warning, and that
	 * its executable jar, if it made one, holds no second Jackson (2.x beside Boot's 3). Prints the jar's size.
	 * @param context the invoker's script context
	 * @param project the consumer project's directory
	 */
	public static void verifyBuild(Map<String, Object> context, Path project) throws IOException {
		dropDatabase(context);
		String log = log(project);
		assertContains(log, "Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
		assertContains(log, "BUILD SUCCESS");
		if (log.contains("Failed to detect GPU count")) {
			throw new AssertionError("The build logged DJL's CUDA warning");
		}
		Path jar = executableJar(project);
		if (!Files.exists(jar)) {
			return;
		}
		List<String> libraries = libraries(project);
		List<String> jackson2 = libraries.stream()
			.filter((name) -> name.matches("jackson-(core|databind)-2\\..*"))
			.toList();
		if (!jackson2.isEmpty()) {
			throw new AssertionError("A second Jackson in " + jar.getFileName() + ": " + jackson2);
		}
		System.out.printf(Locale.ROOT, "[%s] %s: %.1f MB, %d libraries%n", project.getFileName(), jar.getFileName(),
				Files.size(jar) / 1e6, libraries.size());
	}

	/**
	 * Lists the libraries in the consumer's executable jar.
	 * @param project the consumer project's directory
	 * @return the file names under {@code BOOT-INF/lib}, sorted
	 */
	public static List<String> libraries(Path project) throws IOException {
		try (ZipFile zip = new ZipFile(executableJar(project).toFile())) {
			return zip.stream()
				.map(ZipEntry::getName)
				.filter((name) -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.sorted()
				.toList();
		}
	}

	private static Path executableJar(Path project) throws IOException {
		return project.resolve("target/" + artifactId(project) + "-1.0.0.jar");
	}

	private static String artifactId(Path project) throws IOException {
		String pom = Files.readString(project.resolve("pom.xml"));
		int parentEnd = pom.indexOf("</parent>");
		int start = pom.indexOf("<artifactId>", parentEnd) + "<artifactId>".length();
		return pom.substring(start, pom.indexOf("</artifactId>", start));
	}

	/**
	 * Reads the consumer build's log.
	 * @param project the consumer project's directory
	 * @return the log's text
	 */
	public static String log(Path project) throws IOException {
		return Files.readString(project.resolve("build.log"));
	}

	/**
	 * Fails unless the text contains the expected part.
	 * @param text the text, such as a build log
	 * @param expected the part it must contain
	 */
	public static void assertContains(String text, String expected) {
		if (!text.contains(expected)) {
			throw new AssertionError("Expected the build log to contain: " + expected);
		}
	}

}
