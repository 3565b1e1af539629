package io.oslo4j.messaging.benchmarks;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.notify.Notifier;
import io.oslo4j.messaging.notify.Priority;
import io.oslo4j.messaging.transport.Transport;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import reactor.core.Exceptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code notify}: sends one notification with {@link Notifier#send} and exits 0 once the broker
 * has confirmed it, printing {@code {"sent": {...}}}; on failure prints
 * {@code {"error": {"exc_type", "message"}}} and exits 3 (2 when not confirmed in time).
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
		description = { "Send one notification; exit 0 once the broker confirmed it.",
				"Exit code: 0 confirmed, 2 not confirmed within --timeout, 3 other failure, 64 bad command line." })
final class NotifyCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--url", paramLabel = "URL", defaultValue = "rabbit://guest:guest@127.0.0.1:5672/",
			description = "Transport URL. Default: ${DEFAULT-VALUE}")
	String url;

	@Option(names = "--topic", paramLabel = "TOPIC", split = ",", defaultValue = Notifier.DEFAULT_TOPIC,
			description = "Notification topics (routing key <topic>.<priority>). Default: ${DEFAULT-VALUE}")
	List<String> topics;

	@Option(names = "--publisher-id", paramLabel = "ID", defaultValue = "oslo4j.benchmarks",
			description = "publisher_id. Default: ${DEFAULT-VALUE}")
	String publisherId;

	@Option(names = "--event-type", paramLabel = "TYPE", defaultValue = "oslo4j.benchmarks.notify",
			description = "event_type. Default: ${DEFAULT-VALUE}")
	String eventType;

	@Option(names = "--priority", paramLabel = "PRIORITY", defaultValue = "info", converter = PriorityConverter.class,
			description = "audit, debug, info, warn (warning), error, critical or sample. Default: ${DEFAULT-VALUE}")
	Priority priority;

	@Option(names = "--payload", paramLabel = "JSON", converter = JsonValueConverter.class,
			description = "The payload, any JSON value. Default: {}")
	@Nullable JsonNode payload;

	@Option(names = "--context", paramLabel = "JSON", converter = Json.ObjectConverter.class,
			description = "Request context as a JSON object (only oslo's whitelisted keys are sent). Default: {}")
	Json.ObjectArgument context = Json.ObjectArgument.EMPTY;

	@Option(names = "--retry", paramLabel = "N", defaultValue = "0",
			description = "Attempts again after a failed publish (-1: without end). Default: ${DEFAULT-VALUE}")
	int retry;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "How long to wait for the broker's confirmation. Default: ${DEFAULT-VALUE}")
	double timeout;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		Object body = (this.payload != null) ? this.payload : Map.of();
		Map<String, @Nullable Object> outcome = new LinkedHashMap<>();
		int exitCode = 0;
		try (Transport transport = Transport.open(this.url)) {
			Notifier notifier = Notifier.builder(transport)
				.publisherId(this.publisherId)
				.topics(this.topics)
				.retry(this.retry)
				.build();
			try {
				notifier.send(this.priority, RequestContext.of(this.context.map()), this.eventType, body)
					.block(Durations.ofSeconds(this.timeout));
				Map<String, @Nullable Object> sent = new LinkedHashMap<>();
				sent.put("priority", this.priority.routingName());
				sent.put("topics", this.topics);
				sent.put("publisher_id", this.publisherId);
				sent.put("event_type", this.eventType);
				outcome.put("sent", sent);
			}
			catch (RuntimeException ex) {
				Throwable failure = Exceptions.unwrap(ex);
				boolean timedOut = failure instanceof IllegalStateException && String.valueOf(failure.getMessage())
					.startsWith("Timeout on blocking read");
				exitCode = timedOut ? Main.EXIT_TIMEOUT : Main.EXIT_FAILURE;
				Map<String, String> error = new LinkedHashMap<>();
				error.put("exc_type", timedOut ? "MessagingTimeout" : failure.getClass().getSimpleName());
				error.put("message", String.valueOf(failure.getMessage()));
				outcome.put("error", error);
			}
		}
		out.println(Json.line(outcome));
		out.flush();
		return exitCode;
	}

	static final class PriorityConverter implements ITypeConverter<Priority> {

		@Override
		public Priority convert(String value) {
			try {
				return Priority.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	static final class JsonValueConverter implements ITypeConverter<JsonNode> {

		@Override
		public JsonNode convert(String text) {
			try {
				return Json.mapper().readTree(text);
			}
			catch (JacksonException ex) {
				throw new TypeConversionException("not valid JSON (" + ex.getOriginalMessage() + "): " + text);
			}
		}

	}

}
