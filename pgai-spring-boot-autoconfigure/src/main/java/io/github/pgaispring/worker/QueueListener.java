package io.github.pgaispring.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens, on a connection of its own, for the notifications that say a queue has new rows, so that the worker
 * wakes at once instead of at its next poll: {@value #QUEUE_CHANNEL} (sent once per statement by the wake-up
 * trigger of every vectorizer the starter's catalog created; payload {@code <queue schema>.<queue table>}) and
 * {@value #EXECUTE_CHANNEL} ({@code ai.execute_vectorizer}; payload the vectorizer id). pgai's own catalog sends
 * neither; the worker's poll finds those rows.
 * <p>
 * When the connection breaks (a database restart, a network failure), it is opened again, with a growing pause,
 * until the database answers; then {@code reconnected} runs, so that rows queued while nobody listened are looked
 * for at once. An idle connection is checked every {@value #VALIDATION_SECONDS} seconds, so a silently dropped one
 * is noticed too. The listener's thread is a daemon; {@link #close} stops it within half a second.
 */
final class QueueListener implements AutoCloseable {

	static final String QUEUE_CHANNEL = "pgai_vectorizer_queue";

	static final String EXECUTE_CHANNEL = "pgai_vectorizer_execute";

	private static final Log logger = LogFactory.getLog(QueueListener.class);

	private static final int WAIT_MILLIS = 500;

	private static final int VALIDATION_SECONDS = 10;

	private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

	private final DataSource dataSource;

	private final Consumer<String> queueNotified;

	private final Consumer<Integer> executeNotified;

	private final Runnable reconnected;

	private final Duration firstPause;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile boolean listening;

	/**
	 * Starts listening.
	 * @param dataSource where to listen
	 * @param queueNotified receives the payload of each {@value #QUEUE_CHANNEL} notification
	 * @param executeNotified receives the vectorizer id of each {@value #EXECUTE_CHANNEL} notification
	 * @param reconnected runs after the listener reconnected (not after the first connection)
	 * @param firstPause the pause before the first reconnection attempt; it doubles up to 10 seconds
	 */
	QueueListener(DataSource dataSource, Consumer<String> queueNotified, Consumer<Integer> executeNotified,
			Runnable reconnected, Duration firstPause) {
		this.dataSource = dataSource;
		this.queueNotified = queueNotified;
		this.executeNotified = executeNotified;
		this.reconnected = reconnected;
		this.firstPause = firstPause;
		this.thread = new Thread(this::run, "pgai-worker-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Whether the listener has a working connection on which it listens. */
	boolean isListening() {
		return this.listening;
	}

	private void run() {
		boolean connectedBefore = false;
		boolean failureLogged = false;
		Duration pause = this.firstPause;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				listen(connection);
				this.listening = true;
				pause = this.firstPause;
				if (failureLogged) {
					logger.info("Vectorizer worker listens for queued rows again");
					failureLogged = false;
				}
				if (connectedBefore) {
					this.reconnected.run();
				}
				connectedBefore = true;
				receive(connection);
				unlisten(connection);
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				if (!this.running) {
					return;
				}
				if (!failureLogged) {
					logger.warn("Vectorizer worker cannot listen for queued rows (" + ex.getMessage()
							+ "); it polls meanwhile and tries again");
					failureLogged = true;
				}
				sleep(pause);
				pause = (pause.compareTo(MAX_PAUSE.dividedBy(2)) < 0) ? pause.multipliedBy(2) : MAX_PAUSE;
			}
		}
		this.listening = false;
	}

	private static void listen(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			statement.execute("listen " + QUEUE_CHANNEL + "; listen " + EXECUTE_CHANNEL);
		}
	}

	private void receive(Connection connection) throws SQLException {
		PGConnection postgres = connection.unwrap(PGConnection.class);
		long idleSince = System.nanoTime();
		while (this.running) {
			PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
			if (notifications != null && notifications.length > 0) {
				idleSince = System.nanoTime();
				for (PGNotification notification : notifications) {
					dispatch(notification);
				}
			}
			else if (System.nanoTime() - idleSince > Duration.ofSeconds(VALIDATION_SECONDS).toNanos()) {
				if (!connection.isValid(VALIDATION_SECONDS)) {
					throw new SQLException("The listening connection is no longer valid", "08006");
				}
				idleSince = System.nanoTime();
			}
		}
	}

	private void dispatch(PGNotification notification) {
		try {
			if (EXECUTE_CHANNEL.equals(notification.getName())) {
				this.executeNotified.accept(Integer.valueOf(notification.getParameter().trim()));
			}
			else {
				this.queueNotified.accept(notification.getParameter());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Ignoring notification " + notification.getName() + " '" + notification.getParameter() + "'",
					ex);
		}
	}

	private static void unlisten(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("unlisten *");
		}
		catch (SQLException ex) {
			logger.debug("unlisten failed (the connection is closed anyway)", ex);
		}
	}

	private void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	/** Stops listening and returns the connection. */
	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
