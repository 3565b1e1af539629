package io.oslo4j.messaging.benchmarks;

import io.oslo4j.messaging.TransportUrl;

import picocli.CommandLine.Option;

/** Where the server listens and the client sends: the transport URL and the topic. */
final class ConnectionOptions {

	/** The default topic, as oslo's simulator's. */
	static final String DEFAULT_TOPIC = "profiler_topic";

	@Option(names = "--url", paramLabel = "URL", defaultValue = "rabbit://guest:guest@127.0.0.1:5672/",
			description = "Transport URL (fake://... runs in process). Default: ${DEFAULT-VALUE}")
	String url;

	@Option(names = "--topic", paramLabel = "TOPIC", defaultValue = DEFAULT_TOPIC,
			description = "RPC topic. Default: ${DEFAULT-VALUE}")
	String topic;

	/** Whether the URL is the in-memory transport, where no other process can serve. */
	boolean inMemory() {
		return "fake".equals(driverName());
	}

	/** The transport's driver name ({@code fake}, {@code rabbit}), never its credentials. */
	String driverName() {
		return TransportUrl.parse(this.url).driver();
	}

}
