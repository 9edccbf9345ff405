package io.github.pgaispring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of a test's own, for tests that stop, restart or replicate a server (never do that to the
 * shared one): {@code initdb} into a temporary directory, {@code pg_ctl start} on a free port of 127.0.0.1,
 * trust authentication for the superuser {@code postgres}; {@link #close} stops it and deletes the directory.
 * {@link #startStandby} starts a streaming replica from a base backup of it.
 * <p>
 * Binaries come from {@code PGAI_PG_BIN}, else {@code pg_config --bindir}, else
 * {@code /usr/lib/postgresql/15/bin}; pgvector must be installed for them ({@code create extension vector}). Run
 * as root, the server runs as the {@code postgres} user ({@code runuser}), as PostgreSQL refuses to run as root.
 * Clusters left behind by a test JVM that was killed are stopped and removed by the next one.
 */
public final class PrivateCluster implements AutoCloseable {

	private static final Path PARENT = Path.of(System.getProperty("java.io.tmpdir"), "pgai-private-clusters");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	private static final Set<PrivateCluster> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(PrivateCluster::stopQuietly),
				"private-cluster-cleanup"));
	}

	private final Path directory;

	private final int port;

	private final boolean standby;

	private PrivateCluster(Path directory, int port, boolean standby) {
		this.directory = directory;
		this.port = port;
		this.standby = standby;
	}

	/**
	 * Creates and starts a new cluster.
	 * @return the running cluster
	 */
	public static PrivateCluster start() {
		removeClustersOfDeadProcesses();
		Path directory = newDirectory();
		Path data = directory.resolve("data");
		run(List.of(binary("initdb"), "-D", data.toString(), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
				"--locale=C.UTF-8", "--no-sync"));
		PrivateCluster cluster = new PrivateCluster(directory, freePort(), false);
		cluster.configure("wal_level = replica", "max_wal_senders = 4", "hot_standby = on");
		cluster.startServer();
		return cluster;
	}

	/**
	 * Starts a streaming replica of this (running) cluster: {@code pg_basebackup -R -X stream} into a new
	 * directory, then a server in standby mode on its own port. It follows this cluster until it is closed.
	 * @return the running standby
	 */
	public PrivateCluster startStandby() {
		Path directory = newDirectory();
		Path data = directory.resolve("data");
		run(List.of(binary("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(this.port), "-U", "postgres",
				"-D", data.toString(), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"));
		PrivateCluster standby = new PrivateCluster(directory, freePort(), true);
		standby.startServer();
		return standby;
	}

	/** The port the server listens on (127.0.0.1). */
	public int port() {
		return this.port;
	}

	/** Whether this cluster is a standby started by {@link #startStandby}. */
	public boolean isStandby() {
		return this.standby;
	}

	/** The JDBC URL of a database of this cluster. */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** A non-pooling data source for a database of this cluster, as {@code postgres}. */
	public DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url(database));
		dataSource.setUser("postgres");
		return dataSource;
	}

	/**
	 * Creates a database with the {@code vector} extension.
	 * @param name the database name
	 * @return a data source for it
	 */
	public DataSource createDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create database \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name + " on " + this, ex);
		}
		DataSource dataSource = dataSource(name);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create extension vector");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("pgvector is not installed for the binaries in " + binDirectory(), ex);
		}
		return dataSource;
	}

	/** Stops the server (fast shutdown: open connections are closed) and starts it again on the same port. */
	public void restart() {
		stopServer("fast");
		startServer();
	}

	/** Stops the server (fast shutdown); {@link #startServer} starts it again. */
	public void stopServer() {
		stopServer("fast");
	}

	/** Starts the stopped server again, on the same port. */
	public void startServer() {
		Path data = this.directory.resolve("data");
		run(List.of(binary("pg_ctl"), "-D", data.toString(), "-l", this.directory.resolve("server.log").toString(),
				"-w", "-t", "60", "-o", "-p " + this.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
						+ this.directory + " -c fsync=off -c full_page_writes=off",
				"start"));
		running.add(this);
	}

	/** The server's log so far, for failure messages. */
	public String log() {
		try {
			return Files.readString(this.directory.resolve("server.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Stops the server at once and deletes its directory. */
	@Override
	public void close() {
		stopQuietly();
		deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return (this.standby ? "private standby" : "private cluster") + " on port " + this.port + " in "
				+ this.directory;
	}

	private void configure(String... settings) {
		try {
			Files.writeString(this.directory.resolve("data").resolve("postgresql.auto.conf"),
					String.join("\n", settings) + "\n", StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void stopServer(String mode) {
		run(List.of(binary("pg_ctl"), "-D", this.directory.resolve("data").toString(), "-m", mode, "-w", "-t", "60",
				"stop"));
		running.remove(this);
	}

	private void stopQuietly() {
		if (Files.exists(this.directory.resolve("data").resolve("postmaster.pid"))) {
			try {
				stopServer("immediate");
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}
		running.remove(this);
	}

	private static Path newDirectory() {
		try {
			Files.createDirectories(PARENT);
			Path directory = Files.createTempDirectory(PARENT, ProcessHandle.current().pid() + "-");
			if (asRoot()) {
				PARENT.toFile().setExecutable(true, false);
				run(List.of("chown", "postgres", directory.toString()));
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void removeClustersOfDeadProcesses() {
		if (!Files.isDirectory(PARENT)) {
			return;
		}
		try (Stream<Path> directories = Files.list(PARENT)) {
			for (Path directory : directories.toList()) {
				String pid = directory.getFileName().toString().split("-", 2)[0];
				if (pid.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
					new PrivateCluster(directory, 0, false).close();
				}
			}
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String binary(String name) {
		return binDirectory().resolve(name).toString();
	}

	private static Path binDirectory() {
		String configured = System.getenv("PGAI_PG_BIN");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		try {
			Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (process.waitFor() == 0 && Files.isExecutable(Path.of(output, "initdb"))) {
				return Path.of(output);
			}
		}
		catch (IOException ex) {
			// no pg_config on the PATH
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Path.of("/usr/lib/postgresql/15/bin");
	}

	private static boolean asRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void run(List<String> command) {
		List<String> full = new ArrayList<>();
		if (asRoot() && !command.get(0).equals("chown")) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		try {
			Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", full) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + full, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + full, ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

}
