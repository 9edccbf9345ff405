package io.github.pgaispring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.pgaispring.testsupport.FreshDatabase;

/**
 * The sample application in a child JVM against a test database, so that a test can kill it with SIGKILL; its
 * output goes to a temporary file.
 */
final class SampleApplicationProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private SampleApplicationProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Starts {@link BlogApplication} on a free port with the database's connection properties and the given ones
	 * ({@code name=value}, passed as {@code --name=value}, so they win over {@code application.yml}).
	 */
	static SampleApplicationProcess start(FreshDatabase database, String... properties) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				BlogApplication.class.getName(), "--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password()));
		for (String property : properties) {
			command.add("--" + property);
		}
		Path output = Files.createTempFile("pgai-sample-child", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new SampleApplicationProcess(process, output);
	}

	/** Sends SIGKILL and waits for the process to end. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	/** Sends SIGTERM and waits for the process to end; returns its exit code. */
	int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			throw new AssertionError("The sample did not stop within 60 s after SIGTERM; see " + this.output);
		}
		return this.process.exitValue();
	}

	/** Everything the process printed so far. */
	String output() throws IOException {
		return Files.readString(this.output);
	}

	@Override
	public void close() throws Exception {
		kill();
		Files.deleteIfExists(this.output);
	}

}
