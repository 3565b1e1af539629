package io.oslo4j.messaging.transport.rabbit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.FrameHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the frame handler reads for the silence watch: the broker's {@code connection.blocked} and
 * {@code connection.unblocked}, which keep a blocked connection from being suspected; any other
 * frame passes as it is.
 */
class OsloHeartbeatFrameHandlerTests {

	private final Scripted delegate = new Scripted();

	private final OsloHeartbeatFrameHandler handler = new OsloHeartbeatFrameHandler(this.delegate, false, 2);

	@Test
	void connectionBlockedMarksTheConnectionBlockedUntilConnectionUnblocked() throws IOException {
		this.delegate.frames.add(connectionMethod(60, "low on memory"));
		this.delegate.frames.add(new Frame(AMQP.FRAME_HEARTBEAT, 0));
		this.delegate.frames.add(connectionMethod(61, null));

		assertThat(this.handler.blocked()).isFalse();
		this.handler.readFrame();
		assertThat(this.handler.blocked()).isTrue();
		this.handler.readFrame();
		assertThat(this.handler.blocked()).isTrue();
		this.handler.readFrame();
		assertThat(this.handler.blocked()).isFalse();
	}

	@Test
	void framesOfOtherChannelsAndMethodsPassAsTheyAre() throws IOException {
		Frame onChannel = new Frame(AMQP.FRAME_METHOD, 1, connectionMethod(60, "x").getPayload());
		this.delegate.frames.add(onChannel);

		assertThat(this.handler.readFrame()).isSameAs(onChannel);
		assertThat(this.handler.blocked()).isFalse();
	}

	/** A connection-class method frame on channel 0, with a short string argument if one is given. */
	private static Frame connectionMethod(int method, String reason) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			out.writeShort(10);
			out.writeShort(method);
			if (reason != null) {
				out.writeByte(reason.length());
				out.writeBytes(reason);
			}
			return new Frame(AMQP.FRAME_METHOD, 0, bytes.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A frame handler that reads the frames it is given. */
	private static final class Scripted implements FrameHandler {

		private final Deque<Frame> frames = new ArrayDeque<>();

		@Override
		public Frame readFrame() {
			return this.frames.poll();
		}

		@Override
		public void writeFrame(Frame frame) {
		}

		@Override
		public void setTimeout(int timeoutMs) {
		}

		@Override
		public int getTimeout() {
			return 0;
		}

		@Override
		public void sendHeader() {
		}

		@Override
		public void initialize(AMQConnection connection) {
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public InetAddress getLocalAddress() {
			return InetAddress.getLoopbackAddress();
		}

		@Override
		public int getLocalPort() {
			return 0;
		}

		@Override
		public InetAddress getAddress() {
			return InetAddress.getLoopbackAddress();
		}

		@Override
		public int getPort() {
			return 5672;
		}

	}

}
