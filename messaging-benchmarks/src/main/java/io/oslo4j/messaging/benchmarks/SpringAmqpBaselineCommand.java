package io.oslo4j.messaging.benchmarks;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.adapter.MessageListenerAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;

/**
 * {@code spring-amqp-baseline}: Spring AMQP's own request/reply. Server: what
 * {@code @RabbitListener String echo(String)} builds, without Spring Boot: a
 * {@link SimpleMessageListenerContainer} (prefetch 250, {@code --consumers} consumers) with a
 * {@link MessageListenerAdapter} whose delegate returns its argument, replying to
 * {@code reply_to}. Client: {@link AsyncRabbitTemplate} on a {@link RabbitTemplate}, which uses
 * direct reply-to; each lane sends with {@code convertSendAndReceive} and the next once the
 * future completes.
 */
@Command(name = "spring-amqp-baseline", mixinStandardHelpOptions = true,
		description = { "Request/reply echo with Spring AMQP: AsyncRabbitTemplate (direct reply-to) against a "
				+ "SimpleMessageListenerContainer + MessageListenerAdapter. Server and client in this JVM. One JSON line." })
final class SpringAmqpBaselineCommand extends BaselineCommand {

	@Option(names = "--consumers", paramLabel = "N", defaultValue = "1",
			description = "The listener container's concurrent consumers. Default: ${DEFAULT-VALUE} (Spring's)")
	int consumers;

	private @Nullable CachingConnectionFactory serverFactory;

	private @Nullable CachingConnectionFactory clientFactory;

	private @Nullable SimpleMessageListenerContainer container;

	private @Nullable AsyncRabbitTemplate template;

	@Override
	String name() {
		return "spring-amqp-async-rabbit-template";
	}

	@Override
	Supplier<Mono<?>> start(String queue, byte[] body) {
		CachingConnectionFactory server = new CachingConnectionFactory(URI.create(this.uri));
		this.serverFactory = server;
		new RabbitAdmin(server).declareQueue(new Queue(queue, false, true, true));
		SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(server);
		this.container = listener;
		listener.setQueueNames(queue);
		listener.setConcurrentConsumers(this.consumers);
		listener.setMessageListener(new MessageListenerAdapter(new Echo()));
		listener.afterPropertiesSet();
		listener.start();

		CachingConnectionFactory client = new CachingConnectionFactory(URI.create(this.uri));
		this.clientFactory = client;
		RabbitTemplate rabbitTemplate = new RabbitTemplate(client);
		AsyncRabbitTemplate async = new AsyncRabbitTemplate(rabbitTemplate);
		async.setReceiveTimeout(60_000);
		this.template = async;
		async.start();
		String request = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		return () -> Mono.fromFuture(() -> async.<String>convertSendAndReceive("", queue, request));
	}

	@Override
	void stop() {
		if (this.template != null) {
			this.template.stop();
		}
		if (this.container != null) {
			this.container.stop();
		}
		if (this.clientFactory != null) {
			this.clientFactory.destroy();
		}
		if (this.serverFactory != null) {
			this.serverFactory.destroy();
		}
	}

	/** The {@code @RabbitListener} method's body: what comes in goes back. */
	public static final class Echo {

		public String handleMessage(String value) {
			return value;
		}

	}

}
