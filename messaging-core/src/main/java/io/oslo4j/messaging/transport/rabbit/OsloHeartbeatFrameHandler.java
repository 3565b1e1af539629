package io.oslo4j.messaging.transport.rabbit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.MissedHeartbeatException;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.FrameHandler;

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
 */
final class OsloHeartbeatFrameHandler implements FrameHandler {

	private static final int CONNECTION_CLASS = 10;

	private static final int TUNE = 30;

	private static final int TUNE_OK = 31;

	/** class, method, channel-max (short), frame-max (long): the heartbeat (short) follows. */
	private static final int HEARTBEAT_OFFSET = 2 + 2 + 2 + 4;

	private final FrameHandler delegate;

	private final boolean refuseHeartbeats;

	private final int rate;

	private volatile long heartbeatNanos;

	private volatile long lastFrameNanos = System.nanoTime();

	private volatile int clientTimeoutMillis;

	private long lastTimeoutNanos = System.nanoTime();

	/**
	 * @param refuseHeartbeats whether the connection asks for none ({@code heartbeat_timeout_threshold=0})
	 * @param rate {@code heartbeat_rate}, at least 1
	 */
	OsloHeartbeatFrameHandler(FrameHandler delegate, boolean refuseHeartbeats, int rate) {
		this.delegate = delegate;
		this.refuseHeartbeats = refuseHeartbeats;
		this.rate = Math.max(1, rate);
	}

	/**
	 * The next frame; {@code null} when amqp-client's own read timeout passed without one, so that
	 * its loop goes on as before.
	 * @throws MissedHeartbeatException when nothing arrived for twice the heartbeat
	 */
	@Override
	public Frame readFrame() throws IOException {
		while (true) {
			Frame frame = this.delegate.readFrame();
			long now = System.nanoTime();
			if (frame != null) {
				this.lastFrameNanos = now;
				this.lastTimeoutNanos = now;
				return this.refuseHeartbeats ? withoutProposedHeartbeat(frame) : frame;
			}
			long heartbeat = this.heartbeatNanos;
			if (heartbeat > 0 && now - this.lastFrameNanos > 2 * heartbeat) {
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

	@Override
	public void writeFrame(Frame frame) throws IOException {
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
		return payload.length >= HEARTBEAT_OFFSET + 2 && shortAt(payload, 0) == CONNECTION_CLASS
				&& shortAt(payload, 2) == method;
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
		this.delegate.initialize(connection);
	}

	@Override
	public void finishConnectionNegotiation() {
		this.delegate.finishConnectionNegotiation();
	}

	@Override
	public void flush() throws IOException {
		this.delegate.flush();
	}

	@Override
	public void close() {
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

}
