package io.github.pgaispring.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.pgaispring.embedding.EmbeddingTestServer;
import io.github.pgaispring.sql.EmbeddingOpenaiConfig;
import io.github.pgaispring.testsupport.FreshDatabase;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * {@link PgaiWorkerApplication} in a child JVM against a test database, as a standalone worker is deployed
 * (worker tests, and the scale-out benchmark). Its database connections are named {@value #APPLICATION_NAME};
 * its output goes to a temporary file.
 */
public final class WorkerApplicationProcess implements AutoCloseable {

	/** The {@code application_name} of the child's database connections. */
	public static final String APPLICATION_NAME = "pgai-worker-child";

	/** The Spring property that holds the API key of {@link #openAiEmbedding}. */
	static final String API_KEY_NAME = "TEST_OPENAI_KEY";

	static final String API_KEY = "sk-test-standalone";

	private final Process process;

	private final Path output;

	private WorkerApplicationProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Starts the worker application with the database's connection properties and the given ones
	 * ({@code name=value}, passed as {@code --name=value}), and the API key of {@link #openAiEmbedding}.
	 * Flyway and Liquibase are switched off: the test classpath has them, but no migrations.
	 */
	static WorkerApplicationProcess start(FreshDatabase database, String... properties) throws IOException {
		return start(database, List.of(), null, properties);
	}

	/**
	 * Starts the worker application as {@link #start(FreshDatabase, String...)} does, in the given working
	 * directory (where a crashing JVM leaves its {@code hs_err_pid*.log}).
	 */
	static WorkerApplicationProcess start(FreshDatabase database, Path workingDirectory, String... properties)
			throws IOException {
		return start(database, List.of(), workingDirectory, properties);
	}

	/**
	 * Starts the worker application as {@link #start(FreshDatabase, String...)} does, with options for its JVM.
	 * @param database the database
	 * @param jvmOptions options such as {@code -Xmx512m}
	 * @param properties Spring properties, {@code name=value}
	 * @return the running process
	 */
	public static WorkerApplicationProcess start(FreshDatabase database, List<String> jvmOptions, String... properties)
			throws IOException {
		return start(database, jvmOptions, null, properties);
	}

	private static WorkerApplicationProcess start(FreshDatabase database, List<String> jvmOptions,
			@Nullable Path workingDirectory, String... properties)
			throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), PgaiWorkerApplication.class.getName(),
				"--spring.datasource.url=" + database.url() + (database.url().contains("?") ? "&" : "?")
						+ "ApplicationName=" + APPLICATION_NAME,
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--" + API_KEY_NAME + "=" + API_KEY, "--spring.liquibase.enabled=false",
				"--spring.flyway.enabled=false"));
		for (String property : properties) {
			command.add("--" + property);
		}
		Path output = Files.createTempFile("pgai-worker-child", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		if (workingDirectory != null) {
			builder.directory(workingDirectory.toFile());
		}
		Process process = builder.start();
		return new WorkerApplicationProcess(process, output);
	}

	/** An OpenAI embedding config of 3 dimensions that calls the given server with {@link #API_KEY}. */
	static EmbeddingOpenaiConfig openAiEmbedding(EmbeddingTestServer server) {
		return openAiEmbedding(server, 3);
	}

	/** An OpenAI embedding config that calls the given server with {@link #API_KEY}. */
	public static EmbeddingOpenaiConfig openAiEmbedding(EmbeddingTestServer server, int dimensions) {
		return new EmbeddingOpenaiConfig("text-embedding-3-small", dimensions, null, API_KEY_NAME,
				server.baseUrl() + "/v1");
	}

	/** Open database connections of the child. */
	static long connections(DataSource dataSource) throws SQLException {
		return WorkerTestSql.count(dataSource,
				"select count(*) from pg_stat_activity where datname = current_database() and application_name = '"
					+ APPLICATION_NAME + "'");
	}

	/** Open database connections of the child that are in the middle of a batch transaction. */
	static long batchesInFlight(DataSource dataSource) throws SQLException {
		return WorkerTestSql.count(dataSource,
				"select count(*) from pg_stat_activity where datname = current_database() and application_name = '"
					+ APPLICATION_NAME + "' and state = 'idle in transaction'");
	}

	/** Waits until the condition holds; on timeout, fails with the process's output. */
	void awaitUntil(Duration timeout, Callable<Boolean> condition) throws IOException {
		try {
			Awaitility.await().atMost(timeout).until(condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(ex.getMessage() + " Output of the worker process:\n" + output(), ex);
		}
	}

	/** Sends SIGTERM and waits for the process to end; returns its exit code. */
	public int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			throw new AssertionError("The worker did not stop within 60 s after SIGTERM; see " + this.output);
		}
		return this.process.exitValue();
	}

	/** Sends SIGKILL and waits for the process to end. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	/** The CPU time the process has used so far (zero where the platform does not tell). */
	public Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	/** Everything the process printed so far. */
	public String output() throws IOException {
		return Files.readString(this.output);
	}

	@Override
	public void close() throws Exception {
		kill();
		Files.deleteIfExists(this.output);
	}

}
