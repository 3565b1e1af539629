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
 *
 * <p>oslo4j deviates from kombu after a connection was found dead by silence (missed heartbeats,
 * or a probe the broker did not answer, see {@link OsloHeartbeatFrameHandler}) rather than by a
 * reset or a refusal: the host that went silent is tried last ({@link #wentSilent}), until a
 * connection is made again. A silent host (a partition, a power loss) answers no SYN either, so
 * trying it first costs a whole connect timeout before the next host; a host that reset or refused
 * the connection is alive and answers at once, and is tried first as kombu does.
 */
final class FailoverAddresses implements AddressResolver {

	static final String ROUND_ROBIN = "round-robin";

	static final String SHUFFLE = "shuffle";

	private final List<TransportUrl.Host> hosts;

	private final List<Address> addresses;

	private final boolean shuffle;

	private final Random random;

	private volatile int current;

	private volatile int silent = -1;

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
		int silent = (count > 1) ? this.silent : -1;
		if (first == silent) {
			first = (first + 1) % count;
		}
		List<Address> attempts = new ArrayList<>(count);
		attempts.add(this.addresses.get(first));
		for (int attempt = 1; attempt < count - ((silent >= 0) ? 1 : 0); attempt++) {
			attempts.add(this.addresses.get(this.shuffle ? draw(count, silent) : next(first, attempt, count, silent)));
		}
		if (silent >= 0) {
			attempts.add(this.addresses.get(silent));
		}
		return attempts;
	}

	/** The host {@code attempt} steps after {@code first}, cyclically, stepping over the silent one. */
	private static int next(int first, int attempt, int count, int silent) {
		int index = (first + attempt) % count;
		if (silent >= 0 && ((silent - first + count) % count) <= attempt) {
			index = (index + 1) % count;
		}
		return index;
	}

	/** A host drawn at random, never the silent one. */
	private int draw(int count, int silent) {
		if (silent < 0) {
			return this.random.nextInt(count);
		}
		int index = this.random.nextInt(count - 1);
		return (index >= silent) ? index + 1 : index;
	}

	/** Records the host a connection was made to: the next connection tries it first. */
	void connected(TransportUrl.@Nullable Host host) {
		int index = (host != null) ? this.hosts.indexOf(host) : -1;
		if (index >= 0) {
			this.current = index;
		}
		this.silent = -1;
	}

	/**
	 * Records the host of a connection found dead by silence: until a connection is made again,
	 * the next connections try it last.
	 */
	void wentSilent(TransportUrl.@Nullable Host host) {
		int index = (host != null) ? this.hosts.indexOf(host) : -1;
		if (index >= 0) {
			this.silent = index;
		}
	}

	@Override
	public String toString() {
		return (this.shuffle ? SHUFFLE : ROUND_ROBIN) + " failover over " + this.addresses;
	}

}
