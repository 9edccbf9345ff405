package io.github.pgaispring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a port of its own to a real server, for tests that take a server away from a running
 * application and give it back without stopping the server itself: {@link #cut()} drops every connection and closes
 * the port (new connections are refused, as by a stopped server), {@link #restore()} listens on the same port again.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	/**
	 * Starts forwarding a free local port to a server.
	 * @param host the server's host
	 * @param port the server's port
	 * @return the running proxy
	 */
	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The local port that forwards to the server. */
	public int port() {
		return this.port;
	}

	/** Drops every forwarded connection and stops listening: connecting is refused until {@link #restore()}. */
	public void cut() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	/** Listens on the same port again. */
	public void restore() {
		try {
			this.server = listen(this.port);
			accept(this.server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return server;
	}

	private void accept(ServerSocket server) {
		daemon("tcp-proxy-accept-" + this.port, () -> {
			while (!server.isClosed()) {
				try {
					Socket client = server.accept();
					Socket upstream = new Socket(this.target.getHostString(), this.target.getPort());
					this.sockets.add(client);
					this.sockets.add(upstream);
					pump(client, upstream);
					pump(upstream, client);
				}
				catch (IOException ex) {
					// closed by cut(), or the server refused: the client's connection ends
				}
			}
		});
	}

	private void pump(Socket from, Socket to) {
		daemon("tcp-proxy-pump-" + this.port, () -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
