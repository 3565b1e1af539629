package io.oslo4j.messaging.server;

import java.time.Duration;

import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.wire.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The server contract, written once and run for RPC servers and notification listeners on every
 * transport: the same lifecycle (start, stop, awaitTermination, shutdown, restart) and the same
 * in-flight bounds, with their lanes. A subclass says how to build a server of its kind around
 * {@link Gates} and how to send it blocking and reactive work.
 */
public abstract class ServerContract {

	protected static final Duration AWAIT = Duration.ofSeconds(20);

	protected String topic;

	protected Transport transport;

	protected Gates gates;

	private MessageHandlingServer server;

	/** A transport URL; every call may return a new one or the same broker. */
	protected abstract String transportUrl();

	/** A server of the kind under test on {@link #topic}, its endpoint passing through {@link #gates}. */
	protected abstract MessageHandlingServer build(ExecutorKind kind, int maxBlocking, int maxAsync);

	/** Sends one message whose handling passes the blocking gate. */
	protected abstract void sendBlocking(int i);

	/** Sends one message whose handling passes the reactive gate. */
	protected abstract void sendReactive(int i);

	/** Releases what {@link #build} created beside the server. */
	protected void release() {
	}

	@BeforeEach
	void open() {
		this.topic = "contract-" + MessageIds.newHexId().substring(0, 12);
		this.transport = Transport.open(transportUrl());
		this.gates = new Gates();
	}

	@AfterEach
	void close() {
		this.gates.blocking.open();
		this.gates.reactive.open();
		if (this.server != null) {
			this.server.shutdown(AWAIT);
		}
		release();
		this.transport.close();
	}

	private MessageHandlingServer start(ExecutorKind kind, int maxBlocking, int maxAsync) {
		this.server = build(kind, maxBlocking, maxAsync);
		this.server.start();
		return this.server;
	}

	@Test
	void awaitingTerminationOfAServerNeverStartedReturnsAtOnce() {
		MessageHandlingServer server = build(ExecutorKind.EVENTLET, 2, 2);
		this.server = server;
		assertThat(server.isRunning()).isFalse();
		assertThat(server.awaitTermination(Duration.ZERO)).isTrue();
	}

	@Test
	void startAndStopAreIdempotent() {
		MessageHandlingServer server = start(ExecutorKind.EVENTLET, 2, 2);
		server.start();
		assertThat(server.isRunning()).isTrue();
		server.stop();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		assertThat(server.awaitTermination(AWAIT)).isTrue();
		assertThat(server.awaitTermination(AWAIT)).isTrue();
	}

	@Test
	void startingAStoppedServerBeforeItTerminatedIsRefusedNamingTheFix() {
		MessageHandlingServer server = start(ExecutorKind.EVENTLET, 2, 2);
		server.stop();
		assertThatIllegalStateException().isThrownBy(server::start)
			.withMessageEndingWith("was stopped and has not terminated; call awaitTermination() before starting it again");
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void aTerminatedServerStartsAgainAndServes() {
		this.gates.blocking.open();
		MessageHandlingServer server = start(ExecutorKind.EVENTLET, 2, 2);
		sendBlocking(0);
		await().atMost(AWAIT).until(() -> this.gates.blocking.through.get() == 1);
		assertThat(server.awaitTermination(AWAIT)).isTrue();
		server.start();
		assertThat(server.isRunning()).isTrue();
		sendBlocking(1);
		await().atMost(AWAIT).until(() -> this.gates.blocking.through.get() == 2);
	}

	@Test
	void stoppingLetsTheAcceptedWorkFinishAndTerminationWaitsForIt() {
		MessageHandlingServer server = start(ExecutorKind.EVENTLET, 2, 2);
		sendBlocking(0);
		sendBlocking(1);
		await().atMost(AWAIT).until(() -> this.gates.blocking.inside.get() == 2);
		server.stop();
		assertThat(server.inFlight()).isEqualTo(2);
		assertThat(server.awaitTermination(Duration.ofMillis(100))).as("terminated while work is held").isFalse();
		this.gates.blocking.open();
		assertThat(server.awaitTermination(AWAIT)).isTrue();
		assertThat(this.gates.blocking.through).hasValue(2);
		assertThat(server.inFlight()).isZero();
	}

	@Test
	void blockingWorkNeverExceedsItsBoundAndAllOfItIsServed() {
		MessageHandlingServer server = start(ExecutorKind.EVENTLET, 2, 100);
		for (int i = 0; i < 6; i++) {
			sendBlocking(i);
		}
		await().atMost(AWAIT).until(() -> this.gates.blocking.inside.get() == 2 && server.inFlight() >= 4);
		this.gates.blocking.open();
		await().atMost(AWAIT).until(() -> this.gates.blocking.through.get() == 6);
		assertThat(this.gates.blocking.mostInside).hasValue(2);
	}

	@Test
	void reactiveWorkUnderGreenioHasItsOwnBoundAndIsNotStarvedByBlockingWork() {
		start(ExecutorKind.GREENIO, 1, 3);
		// one runs, one waits for room: the blocking lane is full, and the consumer still takes work
		sendBlocking(0);
		sendBlocking(1);
		await().atMost(AWAIT).until(() -> this.gates.blocking.inside.get() == 1);
		for (int i = 0; i < 6; i++) {
			sendReactive(i);
		}
		await().atMost(AWAIT).until(() -> this.gates.reactive.inside.get() == 3);
		this.gates.reactive.open();
		await().atMost(AWAIT).until(() -> this.gates.reactive.through.get() == 6);
		assertThat(this.gates.blocking.through).as("blocking work still held at its gate").hasValue(0);
		this.gates.blocking.open();
		await().atMost(AWAIT).until(() -> this.gates.blocking.through.get() == 2);
		assertThat(this.gates.reactive.mostInside).hasValue(3);
		assertThat(this.gates.blocking.mostInside).hasValue(1);
	}

}
