package io.oslo4j.messaging.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;
import io.oslo4j.messaging.notify.NotificationListener;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.rpc.RpcClient;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.testsupport.LogCapture;
import io.oslo4j.messaging.testsupport.RabbitTestSupport;
import io.oslo4j.messaging.transport.Transport;
import io.oslo4j.messaging.transport.rabbit.RabbitDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password in a transport URL never shows: not in any log line (every logger at DEBUG), not in
 * any {@code toString()}, not in any exception message or cause, while connections fail because
 * the password is wrong or nobody listens, nor when the URL itself is invalid. The password is
 * tried raw (with an {@code @}, which the URL parser takes up to the last one) and
 * percent-encoded.
 */
@ExtendWith(RabbitTestSupport.class)
class PasswordsNeverShownTests {

	/** Each half is a secret of its own, so that a half-masked password shows too. */
	private static final List<String> SECRETS = List.of("Sekr1tA", "Sekr1tB", "Sekr1tC", "Sekr1tD");

	private final List<String> seen = new ArrayList<>();

	@Test
	void failedConnectionsNeverShowThePassword() throws Exception {
		TransportUrl broker = TransportUrl.parse(RabbitTestSupport.url());
		String host = broker.hosts().isEmpty() ? "localhost" : broker.hosts().get(0).hostnameOrDefault();
		int port = broker.hosts().isEmpty() ? TransportUrl.DEFAULT_PORT : broker.hosts().get(0).portOrDefault();
		try (LogCapture logs = LogCapture.of(Level.DEBUG, Logger.ROOT_LOGGER_NAME)) {
			tryEverything("rabbit://guest:Sekr1tA@Sekr1tB@" + host + ":" + port + "/");
			tryEverything("rabbit://guest:Sekr1tC%3A%2FSekr1tD@" + host + ":" + port + "/?heartbeat_timeout_threshold=10");
			tryEverything("rabbit://guest:Sekr1tA@Sekr1tB@127.0.0.1:" + closedPort() + "/");
			this.seen.add(logs.text());
			assertThat(logs.events()).as("log lines captured").hasSizeGreaterThan(5);
		}
		assertThat(String.join("\n", this.seen)).contains("guest:****@").satisfies(this::showsNoSecret);
	}

	@Test
	void invalidUrlsNeverShowThePassword() {
		for (String url : List.of("rabbit://guest:Sekr1tA@Sekr1tB@localhost:notaport/",
				"rabbit://guest:Sekr1tA@Sekr1tB@[::1/", "rabbit://guest:Sekr1tA@Sekr1tB@localhost/?bogus=1",
				"rabbit://guest:Sekr1tA@Sekr1tB@localhost/?ssl_ca_file=/nowhere", "nodriver://guest:Sekr1tA@Sekr1tB@h/",
				"rabbit://guest:Sekr1tC:Sekr1tD@localhost:99999/", "rabbit://guest:Sekr1tC,Sekr1tD@localhost:x/")) {
			try (Transport transport = Transport.open(url)) {
				this.seen.add("opened " + transport.driver());
			}
			catch (RuntimeException ex) {
				this.seen.add(stackTrace(ex));
			}
		}
		this.seen.add(TransportUrl.parse("rabbit://guest:Sekr1tA@Sekr1tB@h1,u:Sekr1tC@h2/v").toString());
		this.seen.add(TransportUrl.parse("rabbit://guest:Sekr1tA@Sekr1tB@h1,u:Sekr1tC@h2/v").hosts().toString());
		assertThat(String.join("\n", this.seen)).contains("****").satisfies(this::showsNoSecret);
	}

	private void tryEverything(String url) {
		String topic = "secrets-" + Long.toHexString(System.nanoTime());
		MessagingExecutor executor = MessagingExecutors.create(ExecutorKind.EVENTLET);
		try (Transport transport = Transport.open(url)) {
			this.seen.add(transport.toString());
			this.seen.add(transport.driver().toString());
			this.seen.add(((RabbitDriver) transport.driver()).options().toString());
			attempt(() -> RpcServer.builder(transport, Target.topic(topic).withServer("s1")).endpoint(new Object())
				.build()
				.start());
			attempt(() -> RpcClient.create(transport, Target.topic(topic)).withRetry(0).withTimeout(Duration.ofSeconds(5))
				.call(RequestContext.empty(), "echo", Map.of()));
			attempt(() -> RpcClient.create(transport, Target.topic(topic)).withRetry(0)
				.cast(RequestContext.empty(), "echo", Map.of()));
			Notifier notifier = Notifier.builder(transport).topics(topic).retry(0).build();
			attempt(() -> notifier.send(Priority.INFO, RequestContext.empty(), "e", null).block());
			notifier.info(RequestContext.empty(), "logged", null);
			attempt(() -> NotificationListener.builder(transport)
				.target(Target.topic(topic))
				.endpoint(new InfoEndpoint())
				.executor(executor)
				.build()
				.start());
		}
		finally {
			executor.disposeGracefully().block(Duration.ofSeconds(5));
		}
	}

	private void attempt(Runnable action) {
		try {
			action.run();
			this.seen.add("no error");
		}
		catch (RuntimeException ex) {
			this.seen.add(stackTrace(ex));
		}
	}

	private void showsNoSecret(String text) {
		SECRETS.forEach((secret) -> assertThat(text).doesNotContain(secret));
	}

	private static String stackTrace(Throwable error) {
		StringWriter text = new StringWriter();
		error.printStackTrace(new PrintWriter(text));
		return error + "\n" + text;
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** A notification endpoint with nothing to do. */
	public static class InfoEndpoint {

		public void info(String eventType) {
			// never reached: the listener cannot connect
		}

	}

}
