package io.github.pgaispring.worker;

import java.time.Duration;
import java.util.Set;

import io.github.pgaispring.worker.WorkerTestPipeline.TestEmbedder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs a slow worker in its own JVM until it is killed, for {@link WorkerCrashRecoveryTests}. Arguments:
 * JDBC URL, user, password, vectorizer name. Its connections are named {@value #APPLICATION_NAME}.
 */
public final class WorkerCrashChild {

	static final String APPLICATION_NAME = "pgai-crash-child";

	private WorkerCrashChild() {
	}

	/** Starts the worker and runs until the process is killed. */
	public static void main(String[] args) throws InterruptedException {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setUser(args[1]);
		dataSource.setPassword(args[2]);
		dataSource.setApplicationName(APPLICATION_NAME);
		WorkerSettings settings = WorkerSettings.defaults()
			.withThreads(2)
			.withPollInterval(Duration.ofMillis(100))
			.withVectorizerNames(Set.of(args[3]));
		new VectorizerWorker(dataSource, WorkerTestPipeline.factory(new TestEmbedder(3).delayedBy(300)), settings)
			.start();
		System.out.println("worker started");
		Thread.sleep(Long.MAX_VALUE);
	}

}
