package io.oslo4j.messaging.transport.rabbit;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.MissedHeartbeatException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.FrameHandler;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an amqp-client connection oslo's heartbeat behaviour, which amqp-client alone cannot have:
 * <ul>
 * <li>{@code heartbeat_timeout_threshold=0} asks the broker for no heartbeats, as py-amqp does
 * (amqp-client takes the broker's value when it asks for 0): the broker's {@code connection.tune}
 * is read as proposing none.</li>
 * <li>A connection on which nothing arrived for twice the negotiated heartbeat is dead, py-amqp's
 * rule ({@code Too many heartbeats missed}), checked {@code heartbeat_rate} times per half heartbeat
 * ({@code heartbeat / heartbeat_rate / 2}, oslo's {@code _heartbeat_wait_timeout}): amqp-client
 * alone checks every quarter heartbeat and gives up after 2.25 heartbeats.</li>
 * </ul>
 * amqp-client still sends the heartbeats, every half heartbeat, whatever the rate (py-amqp sends one
 * when nothing was sent for {@code heartbeat / heartbeat_rate}): the broker needs one per heartbeat.
 *
 * <p>While heartbeats are on, it also finds a connection dead that went silent while the client
 * waits for the broker, long before twice the heartbeat ({@link SilenceWatch}, oslo4j's own rule):
 * a write followed by a second of silence has the broker asked for a {@code basic.qos} on a channel
 * of the connection's own, and if nothing at all is heard 1.5 s later, the connection is aborted, so
 * that listeners and publishers recover at once. It follows {@code connection.blocked} and
 * {@code connection.unblocked} to stay quiet while the broker blocks the connection. Either way a
 * connection found dead by silence tells the factory which host went silent, so that the next
 * connection tries the other hosts first ({@link FailoverAddresses#wentSilent}). On the frame path
 * this costs a volatile write per frame each way; the watch runs on one shared timer thread, and
 * the probes on a shared pool (a probe may wait on a socket that takes no more bytes).
 */
final class OsloHeartbeatFrameHandler implements FrameHandler {

	private static final int CONNECTION_CLASS = 10;

	private static final int TUNE = 30;

	private static final int TUNE_OK = 31;

	private static final int BLOCKED = 60;

	private static final int UNBLOCKED = 61;

	private static final Logger logger = LoggerFactory.getLogger(OsloHeartbeatFrameHandler.class);

	/**
	 * The probe: {@code basic.qos} with no limit, on a channel that never consumes. The channel
	 * process answers it by itself (no metadata store, no permission, no queue: so a broker busy
	 * with a cluster's elections still answers at once, and so does a least-privileged user), and
	 * it changes nothing: a prefetch of 0 is a channel's default.
	 */
	private static final Method PROBE = new AMQP.Basic.Qos.Builder().prefetchCount(0).prefetchSize(0).global(false)
		.build();

	private static final ScheduledExecutorService WATCH = watchTimer();

	private static final ExecutorService PROBES = Executors.newCachedThreadPool(daemons("oslo4j-silence-probe-"));

	/** The connections watched now, in the whole process: a broker silent to one is asked by all. */
	private static final Set<OsloHeartbeatFrameHandler> WATCHED = ConcurrentHashMap.newKeySet();

	/** class, method, channel-max (short), frame-max (long): the heartbeat (short) follows. */
	private static final int HEARTBEAT_OFFSET = 2 + 2 + 2 + 4;

	private final FrameHandler delegate;

	private final boolean refuseHeartbeats;

	private final int rate;

	private volatile long heartbeatNanos;

	private volatile long lastFrameNanos = System.nanoTime();

	private volatile int clientTimeoutMillis;

	private long lastTimeoutNanos = System.nanoTime();

	private volatile long lastWriteNanos = this.lastFrameNanos;

	private volatile boolean blocked;

	private final SilenceWatch silence = new SilenceWatch();

	private final Runnable wentSilent;

	private volatile @Nullable AMQConnection connection;

	private volatile @Nullable ScheduledFuture<?> watch;

	private volatile @Nullable Channel probeChannel;

	private volatile boolean cannotProbe;

	private volatile boolean suspect;

	private volatile boolean aborted;

	private volatile int probesSent;

	/**
	 * @param refuseHeartbeats whether the connection asks for none ({@code heartbeat_timeout_threshold=0})
	 * @param rate {@code heartbeat_rate}, at least 1
	 */
	OsloHeartbeatFrameHandler(FrameHandler delegate, boolean refuseHeartbeats, int rate) {
		this(delegate, refuseHeartbeats, rate, () -> {
		});
	}

	/**
	 * @param refuseHeartbeats whether the connection asks for none ({@code heartbeat_timeout_threshold=0})
	 * @param rate {@code heartbeat_rate}, at least 1
	 * @param wentSilent told, before the connection is shut down, that it was found dead by silence
	 * (missed heartbeats or an unanswered probe), not by a reset or a close
	 */
	OsloHeartbeatFrameHandler(FrameHandler delegate, boolean refuseHeartbeats, int rate, Runnable wentSilent) {
		this.delegate = delegate;
		this.refuseHeartbeats = refuseHeartbeats;
		this.rate = Math.max(1, rate);
		this.wentSilent = wentSilent;
	}

	/**
	 * The next frame; {@code null} when amqp-client's own read timeout passed without one, so that
	 * its loop goes on as before.
	 * @throws MissedHeartbeatException when nothing arrived for twice the heartbeat
	 */
	@Override
	public Frame readFrame() throws IOException {
		while (true) {
			Frame frame = readOrAborted();
			long now = System.nanoTime();
			if (frame != null) {
				this.lastFrameNanos = now;
				this.lastTimeoutNanos = now;
				if (frame.type == AMQP.FRAME_METHOD && frame.channel == 0) {
					followBlocked(frame);
					return this.refuseHeartbeats ? withoutProposedHeartbeat(frame) : frame;
				}
				return frame;
			}
			long heartbeat = this.heartbeatNanos;
			if (heartbeat > 0 && now - this.lastFrameNanos > 2 * heartbeat) {
				stopWatching();
				wentSilent();
				throw new MissedHeartbeatException("nothing from the broker for twice the heartbeat of "
						+ TimeUnit.NANOSECONDS.toSeconds(heartbeat) + " s (heartbeat_timeout_threshold): the "
						+ "connection is dead");
			}
			if (heartbeat == 0 || now - this.lastTimeoutNanos >= TimeUnit.MILLISECONDS.toNanos(this.clientTimeoutMillis)) {
				this.lastTimeoutNanos = now;
				return null;
			}
		}
	}

	/** Whether the broker blocks the connection, as its last {@code connection.blocked} or {@code unblocked} said. */
	boolean blocked() {
		return this.blocked;
	}

	/** How many times the watch asked the broker whether it is there. */
	int probesSent() {
		return this.probesSent;
	}

	/** The delegate's next frame; once the watch aborted the connection, an end that logs nothing more. */
	private @Nullable Frame readOrAborted() throws IOException {
		try {
			return this.delegate.readFrame();
		}
		catch (IOException ex) {
			if (this.aborted) {
				throw new EOFException("the connection was aborted after a silence (" + ex.getMessage() + ")");
			}
			throw ex;
		}
	}

	private void followBlocked(Frame frame) {
		if (isMethod(frame, BLOCKED)) {
			this.blocked = true;
		}
		else if (isMethod(frame, UNBLOCKED)) {
			this.blocked = false;
		}
	}

	@Override
	public void writeFrame(Frame frame) throws IOException {
		if (frame.type != AMQP.FRAME_HEARTBEAT) {
			this.lastWriteNanos = System.nanoTime();
		}
		if (isMethod(frame, TUNE_OK)) {
			int heartbeat = heartbeatOf(frame.getPayload());
			this.heartbeatNanos = TimeUnit.SECONDS.toNanos(heartbeat);
			applyTimeout();
		}
		this.delegate.writeFrame(frame);
	}

	@Override
	public void setTimeout(int timeoutMs) throws SocketException {
		this.clientTimeoutMillis = timeoutMs;
		applyTimeout();
	}

	/** Reads as often as the rate says once the heartbeat is known; else as amqp-client asks. */
	private void applyTimeout() throws SocketException {
		long heartbeat = this.heartbeatNanos;
		int timeout = this.clientTimeoutMillis;
		if (heartbeat > 0) {
			long check = Math.max(1, TimeUnit.NANOSECONDS.toMillis(heartbeat) / this.rate / 2);
			timeout = (timeout > 0) ? (int) Math.min(timeout, check) : (int) check;
		}
		this.delegate.setTimeout(timeout);
	}

	/** The broker's connection.tune read as proposing no heartbeat; any other frame as it is. */
	private static Frame withoutProposedHeartbeat(Frame frame) {
		if (!isMethod(frame, TUNE)) {
			return frame;
		}
		byte[] payload = frame.getPayload().clone();
		payload[HEARTBEAT_OFFSET] = 0;
		payload[HEARTBEAT_OFFSET + 1] = 0;
		return new Frame(frame.type, frame.channel, payload);
	}

	private static boolean isMethod(Frame frame, int method) {
		if (frame.type != AMQP.FRAME_METHOD || frame.channel != 0) {
			return false;
		}
		byte[] payload = frame.getPayload();
		int length = (method == TUNE || method == TUNE_OK) ? HEARTBEAT_OFFSET + 2 : 4;
		return payload.length >= length && shortAt(payload, 0) == CONNECTION_CLASS && shortAt(payload, 2) == method;
	}

	private static int heartbeatOf(byte[] payload) {
		return shortAt(payload, HEARTBEAT_OFFSET);
	}

	private static int shortAt(byte[] payload, int offset) {
		return ((payload[offset] & 0xff) << 8) | (payload[offset + 1] & 0xff);
	}

	@Override
	public int getTimeout() throws SocketException {
		return this.clientTimeoutMillis;
	}

	@Override
	public boolean internalHearbeat() {
		return this.delegate.internalHearbeat();
	}

	@Override
	public void sendHeader() throws IOException {
		this.delegate.sendHeader();
	}

	@Override
	public void initialize(AMQConnection connection) {
		this.connection = connection;
		this.delegate.initialize(connection);
	}

	/** Once the connection is open, watches it for silence while heartbeats are on. */
	@Override
	public void finishConnectionNegotiation() {
		this.delegate.finishConnectionNegotiation();
		if (this.heartbeatNanos > 0 && this.connection != null) {
			long tick = SilenceWatch.TICK.toNanos();
			WATCHED.add(this);
			this.watch = WATCH.scheduleAtFixedRate(this::check, tick, tick, TimeUnit.NANOSECONDS);
		}
	}

	/** On the watch's timer: probes, or aborts, as {@link SilenceWatch} finds. */
	private void check() {
		AMQConnection connection = this.connection;
		if (connection == null || !connection.isOpen() || this.cannotProbe) {
			stopWatching();
			return;
		}
		long now = System.nanoTime();
		long lastRead = this.lastFrameNanos;
		boolean suspect = this.suspect;
		if (suspect) {
			this.suspect = false;
		}
		switch (this.silence.check(now, lastRead, this.lastWriteNanos, this.blocked, suspect)) {
			case PROBE -> PROBES.execute(() -> probe(connection));
			case DEAD -> {
				stopWatching();
				PROBES.execute(() -> abort(connection, Duration.ofNanos(now - lastRead)));
			}
			case QUIET -> {
			}
		}
	}

	/**
	 * Asks the broker something it must answer at once: the first time, to open the probe channel
	 * ({@code channel.open}); then {@code basic.qos} on it. The answer itself is not awaited: the
	 * watch counts anything read.
	 */
	private void probe(AMQConnection connection) {
		this.probesSent++;
		try {
			Channel channel = this.probeChannel;
			if (channel == null || !channel.isOpen()) {
				channel = connection.createChannel();
				if (channel == null) {
					logger.debug("No channel left on the connection to {}:{} to probe it; only heartbeats watch it",
							getAddress().getHostAddress(), getPort());
					this.cannotProbe = true;
				}
				this.probeChannel = channel;
				return;
			}
			channel.asyncCompletableRpc(PROBE);
		}
		catch (IOException | ShutdownSignalException ex) {
			// the connection is ending: nothing to ask
		}
	}

	private void abort(AMQConnection connection, Duration silence) {
		String message = "nothing from the broker at " + getAddress().getHostAddress() + ":" + getPort() + " for "
				+ silence.toMillis() + " ms, though written to, nor within " + SilenceWatch.PROBE_TIMEOUT.toMillis()
				+ " ms of a probe: the connection is dead";
		logger.warn("Aborting the connection {} to RabbitMQ at {}:{}: nothing heard for {} ms, though written to, nor "
				+ "within {} ms of a probe (basic.qos); the next connection tries the other hosts first",
				connection.getClientProvidedName(), getAddress().getHostAddress(), getPort(), silence.toMillis(),
				SilenceWatch.PROBE_TIMEOUT.toMillis());
		this.aborted = true;
		wentSilent();
		connection.handleIoError(new SilentBrokerException(message));
	}

	/**
	 * Tells the factory that the broker went silent, and has every other connection of the process
	 * to the same broker asked at once: one that was only listening (a reply consumer that
	 * acknowledges nothing, a server waiting for requests) wrote nothing, and would otherwise wait
	 * for twice the heartbeat.
	 */
	private void wentSilent() {
		this.wentSilent.run();
		for (OsloHeartbeatFrameHandler other : WATCHED) {
			if (other != this && other.getPort() == getPort() && other.getAddress().equals(getAddress())) {
				other.suspect = true;
			}
		}
	}

	private void stopWatching() {
		WATCHED.remove(this);
		ScheduledFuture<?> watch = this.watch;
		if (watch != null) {
			watch.cancel(false);
		}
	}

	@Override
	public void flush() throws IOException {
		this.delegate.flush();
	}

	@Override
	public void close() {
		stopWatching();
		this.delegate.close();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.delegate.getLocalAddress();
	}

	@Override
	public int getLocalPort() {
		return this.delegate.getLocalPort();
	}

	@Override
	public InetAddress getAddress() {
		return this.delegate.getAddress();
	}

	@Override
	public int getPort() {
		return this.delegate.getPort();
	}

	private static ScheduledExecutorService watchTimer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("oslo4j-silence-watch-"));
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	private static ThreadFactory daemons(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * A connection found dead because the broker answered neither a write nor a probe: an end of
	 * stream for amqp-client, which then shuts the connection down without logging it again.
	 */
	static final class SilentBrokerException extends EOFException {

		private static final long serialVersionUID = 1L;

		SilentBrokerException(String message) {
			super(message);
		}

	}

}
