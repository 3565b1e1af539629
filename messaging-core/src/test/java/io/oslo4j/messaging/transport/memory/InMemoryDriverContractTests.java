package io.oslo4j.messaging.transport.memory;

import java.util.Map;
import java.util.stream.Collectors;

import io.oslo4j.messaging.TransportUrl;
import io.oslo4j.messaging.transport.TransportDriver;
import io.oslo4j.messaging.transport.TransportDriverContract;

/** The transport contract on {@code fake://}, each test in a virtual host of its own. */
class InMemoryDriverContractTests extends TransportDriverContract {

	@Override
	protected TransportDriver createDriver(String namespace, Map<String, String> options) {
		String query = options.entrySet().stream().map((option) -> option.getKey() + "=" + option.getValue())
			.collect(Collectors.joining("&"));
		return new InMemoryDriverFactory().create(TransportUrl.parse("fake:///" + namespace + "?" + query));
	}

}
