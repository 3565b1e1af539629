package io.oslo4j.messaging.boot.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The name of this server, which callers use to address it alone and which names the
 * notifications it sends: {@code messaging.server.name}, else the host name, as oslo's default
 * {@code host} ({@code socket.gethostname()}).
 */
final class ServerName {

	private ServerName() {
	}

	static String of(MessagingProperties.Server server) {
		if (StringUtils.hasText(server.getName())) {
			return server.getName();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			@Nullable String fromEnvironment = System.getenv("HOSTNAME");
			return StringUtils.hasText(fromEnvironment) ? fromEnvironment : "localhost";
		}
	}

}
