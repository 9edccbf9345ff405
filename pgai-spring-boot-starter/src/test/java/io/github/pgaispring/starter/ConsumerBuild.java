package io.github.pgaispring.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

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
	 * Reads the consumer build's log.
	 * @param project the consumer project's directory
	 * @return the log's text
	 */
	public static String log(Path project) throws IOException {
		return Files.readString(project.resolve("build.log"));
	}

}
