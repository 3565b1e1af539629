package io.oslo4j.messaging.boot.diagnostics;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.oslo4j.messaging.InvalidTransportUrlException;
import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.boot.autoconfigure.OsloProperties;
import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on an oslo option oslo refuses (a value of the wrong type or out
 * of range, a combination such as {@code rabbit_stream_fanout} without a prefetch count) or on a
 * transport URL that does not parse: oslo's reason, and where each option named can be corrected,
 * under its {@code messaging.*} property, in the URL's query or in the oslo configuration file.
 *
 * @since 0.2
 */
class InvalidOptionFailureAnalyzer extends AbstractFailureAnalyzer<MessagingException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, MessagingException cause) {
		if (!(cause instanceof InvalidOptionException) && !(cause instanceof InvalidTransportUrlException)) {
			return null;
		}
		List<OsloOption> named = OsloOptions.all()
			.stream()
			.filter((option) -> mentions(cause.getMessage(), option.name()))
			.toList();
		return new FailureAnalysis("oslo4j messaging cannot start with its configuration: " + cause.getMessage(),
				named.isEmpty() ? urlAction() : optionAction(named), cause);
	}

	// "driver:" is no option: it is the start of a URL's form (driver://host).
	private static boolean mentions(@Nullable String message, String name) {
		return message != null && Pattern.compile("(?<![A-Za-z_-])" + Pattern.quote(name) + "(?![A-Za-z_:-])")
			.matcher(message)
			.find();
	}

	private static String optionAction(List<OsloOption> options) {
		String where = options.stream()
			.map((option) -> option.qualifiedName() + " (property " + OsloProperties.propertyName(option) + ")")
			.collect(Collectors.joining(", "));
		return "Correct " + where + " where it is set: as a messaging.* property, in the transport URL's query "
				+ "(the [oslo_messaging_rabbit] options and control_exchange), or in the OpenStack configuration "
				+ "file named by messaging.oslo-config-file. docs/configuration.md lists every option with its type, "
				+ "default and what oslo4j does with it.";
	}

	private static String urlAction() {
		return "Correct messaging.transport-url (or messaging.notification.transport-url, or transport_url in the "
				+ "OpenStack configuration file): driver://[user:pass@]host[:port][,host2...]/[vhost][?option=value], "
				+ "with the driver rabbit (or kombu) or fake, and only options of [oslo_messaging_rabbit] or "
				+ "control_exchange in the query.";
	}

}
