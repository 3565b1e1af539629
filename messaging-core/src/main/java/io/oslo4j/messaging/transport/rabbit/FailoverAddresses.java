package io.oslo4j.messaging.transport.rabbit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import io.oslo4j.messaging.TransportUrl;

import org.jspecify.annotations.Nullable;

/**
 * Which of the URL's hosts a connection tries, in which order, as oslo and kombu choose them with
 * {@code kombu_failover_strategy}. oslo shuffles the hosts once, when it makes a connection (each
 * connection on its own); kombu then connects to the first, and stays on the host it is connected
 * to: after a connection loss it tries that host again first. Only a failed attempt moves on,
 * without waiting until every host of a round has failed:
 * <ul>
 * <li>{@code round-robin}: to the next host of the shuffled list, cyclically;</li>
 * <li>{@code shuffle}: to a host drawn at random each time, which may be the one that just failed
 * (kombu's {@code shufflecycle}).</li>
 * </ul>
 * amqp-client tries the addresses of one {@link #getAddresses()} in turn, as many as there are
 * hosts, which is kombu's round of attempts between two back-off waits.
 */
final class FailoverAddresses implements AddressResolver {

	static final String ROUND_ROBIN = "round-robin";

	static final String SHUFFLE = "shuffle";

	private final List<TransportUrl.Host> hosts;

	private final List<Address> addresses;

	private final boolean shuffle;

	private final Random random;

	private volatile int current;

	/**
	 * @param strategy {@code round-robin} or {@code shuffle}
	 * @param hosts the URL's hosts, in URL order; shuffled here once, as oslo does
	 */
	FailoverAddresses(String strategy, List<TransportUrl.Host> hosts, Random random) {
		List<TransportUrl.Host> shuffled = new ArrayList<>(hosts);
		Collections.shuffle(shuffled, random);
		this.hosts = List.copyOf(shuffled);
		this.addresses = RabbitConnectionFactories.addresses(this.hosts).stream().map(Address::parseAddress).toList();
		this.shuffle = SHUFFLE.equals(strategy);
		this.random = random;
	}

	/** The hosts in the order oslo shuffled them. */
	List<TransportUrl.Host> hosts() {
		return this.hosts;
	}

	/**
	 * The addresses the next connection tries, in turn: the current host first, then the hosts
	 * the strategy moves to after each failure.
	 */
	@Override
	public List<Address> getAddresses() {
		int count = this.addresses.size();
		int first = this.current;
		List<Address> attempts = new ArrayList<>(count);
		attempts.add(this.addresses.get(first));
		for (int attempt = 1; attempt < count; attempt++) {
			attempts.add(this.addresses.get(this.shuffle ? this.random.nextInt(count) : (first + attempt) % count));
		}
		return attempts;
	}

	/** Records the host a connection was made to: the next connection tries it first. */
	void connected(TransportUrl.@Nullable Host host) {
		int index = (host != null) ? this.hosts.indexOf(host) : -1;
		if (index >= 0) {
			this.current = index;
		}
	}

	@Override
	public String toString() {
		return (this.shuffle ? SHUFFLE : ROUND_ROBIN) + " failover over " + this.addresses;
	}

}
