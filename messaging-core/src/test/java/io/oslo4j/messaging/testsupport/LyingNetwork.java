package io.oslo4j.messaging.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback between oslo4j and a broker, whose network can be made to lie: it adds
 * latency to every byte ({@link #latency}), resets every connection at once ({@link #resetAll},
 * a TCP RST on both sides), or stops forwarding on the connections it has without closing them
 * ({@link #halfOpen}: a dead peer, a partition, a NAT that forgot the flow; they stay dead, while
 * connections made afterwards are forwarded again). Thread per direction per connection: a reader
 * that stamps each chunk with when it may leave, and a writer that sends it then, in order.
 */
public final class LyingNetwork implements AutoCloseable {

	private static final Object END = new Object();

	private final ServerSocket server;

	private final InetSocketAddress broker;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private volatile long latencyNanos;

	private volatile boolean closed;

	private LyingNetwork(InetSocketAddress broker) throws IOException {
		this.broker = broker;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "lying-network-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A proxy to the broker at {@code host:port}, listening on a free loopback port. */
	public static LyingNetwork to(String host, int port) {
		try {
			return new LyingNetwork(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port to connect to instead of the broker's. */
	public int port() {
		return this.server.getLocalPort();
	}

	/** A {@code rabbit://} URL through the proxy, as guest, with the options. */
	public String url(Map<String, String> options) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		options.forEach((key, value) -> query.add(key + "=" + value));
		return "rabbit://guest:guest@127.0.0.1:" + port() + "/" + query;
	}

	/** How many connections the proxy accepted so far. */
	public int accepted() {
		return this.accepted.get();
	}

	/** Adds this latency to every chunk, each way, from now on (zero to stop). */
	public void latency(Duration latency) {
		this.latencyNanos = latency.toNanos();
	}

	/** Resets every connection now, as a TCP RST on both sides. */
	public void resetAll() {
		for (Link link : this.links) {
			link.reset();
		}
	}

	/**
	 * Stops forwarding on every connection open now, both ways, without closing any: what is sent
	 * is read and dropped, so that neither side notices anything but silence.
	 */
	public void halfOpen() {
		for (Link link : this.links) {
			link.dead = true;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		resetAll();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				try {
					upstream.connect(this.broker, 5000);
				}
				catch (IOException ex) {
					client.setSoLinger(true, 0);
					client.close();
					continue;
				}
				this.accepted.incrementAndGet();
				Link link = new Link(client, upstream);
				this.links.add(link);
				link.start();
			}
			catch (IOException ex) {
				if (!this.closed) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	/** One proxied connection: the client's socket and the broker's. */
	private final class Link {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean dead;

		private Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		private void start() throws IOException {
			pump(this.client.getInputStream(), this.upstream.getOutputStream(), "up");
			pump(this.upstream.getInputStream(), this.client.getOutputStream(), "down");
		}

		private void pump(InputStream from, OutputStream to, String direction) {
			BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
			Thread reader = new Thread(() -> {
				byte[] buffer = new byte[16 * 1024];
				try {
					int read;
					while ((read = from.read(buffer)) >= 0) {
						if (!this.dead) {
							chunks.add(new Chunk(System.nanoTime() + LyingNetwork.this.latencyNanos,
									Arrays.copyOf(buffer, read)));
						}
					}
				}
				catch (IOException ex) {
					// the connection ended; the writer ends it on the other side
				}
				chunks.add(END);
			}, "lying-network-" + direction + "-read");
			Thread writer = new Thread(() -> {
				try {
					while (true) {
						Object item = chunks.take();
						if (item == END) {
							break;
						}
						Chunk chunk = (Chunk) item;
						long wait;
						while ((wait = chunk.due - System.nanoTime()) > 0) {
							LockSupport.parkNanos(wait);
						}
						if (!this.dead) {
							to.write(chunk.bytes);
							to.flush();
						}
					}
				}
				catch (IOException | InterruptedException ex) {
					// the connection ended
				}
				if (!this.dead) {
					reset();
				}
			}, "lying-network-" + direction + "-write");
			reader.setDaemon(true);
			writer.setDaemon(true);
			reader.start();
			writer.start();
		}

		private void reset() {
			LyingNetwork.this.links.remove(this);
			for (Socket socket : new Socket[] { this.client, this.upstream }) {
				try {
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
		}

	}

	private record Chunk(long due, byte[] bytes) {
	}

}
