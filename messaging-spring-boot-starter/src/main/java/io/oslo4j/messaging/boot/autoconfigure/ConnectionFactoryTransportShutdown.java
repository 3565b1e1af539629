package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.transport.Transport;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * When the application closes, closes the transport that runs on its Spring AMQP
 * {@code ConnectionFactory} just before the factory stops.
 *
 * <p>Spring AMQP's {@code CachingConnectionFactory} is a lifecycle of the last phase that closes its
 * connection when it stops, which is before any bean is destroyed: a transport still open then would
 * see its listeners lose their channels, and consume again on a new connection while the application
 * shuts down. The servers and listeners, which stop in earlier phases, still have the transport while
 * they drain. A context that is only stopped, to be started again, keeps its transport.
 */
final class ConnectionFactoryTransportShutdown implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	/** The phase just before the connection factory's ({@code Integer.MIN_VALUE}), which stops last. */
	static final int PHASE = Integer.MIN_VALUE + 1;

	private final Transport transport;

	private final ApplicationContext context;

	private volatile boolean running;

	private volatile boolean closing;

	/**
	 * @param transport the transport on the connection factory
	 * @param context the context whose closing closes the transport (not a child's, whose events reach it too)
	 */
	ConnectionFactoryTransportShutdown(Transport transport, ApplicationContext context) {
		this.transport = transport;
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.closing = true;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.closing) {
			this.transport.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Matches when {@code messaging.transport-url} is not set (or blank): the transport then runs on the factory. */
	static final class OnNoTransportUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("no messaging.transport-url");
			return StringUtils.hasText(context.getEnvironment().getProperty("messaging.transport-url"))
					? ConditionOutcome.noMatch(message.because("messaging.transport-url is set"))
					: ConditionOutcome.match(message.because("messaging.transport-url is not set"));
		}

	}

}
