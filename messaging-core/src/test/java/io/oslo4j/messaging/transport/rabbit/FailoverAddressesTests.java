package io.oslo4j.messaging.transport.rabbit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import com.rabbitmq.client.Address;
import io.oslo4j.messaging.TransportUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kombu_failover_strategy as oslo and kombu apply it: the hosts shuffled once per connection, then
 * the connected host first, and after each failed attempt the next host (round-robin) or one drawn
 * at random (shuffle).
 */
class FailoverAddressesTests {

	private static final List<TransportUrl.Host> HOSTS = TransportUrl.parse("rabbit://a:5672,b:5673,c:5674/").hosts();

	@Test
	void theHostsAreShuffledOnceAsOsloDoes() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));

		// Collections.shuffle swaps [2] with [0], then [1] with [0]
		assertThat(names(failover.hosts())).containsExactly("b", "c", "a");
		assertThat(failover.getAddresses()).isEqualTo(failover.getAddresses());
	}

	@Test
	void roundRobinTriesTheHostsInTheShuffledOrderFromTheFirst() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));

		assertThat(failover.getAddresses()).containsExactly(address("b:5673"), address("c:5674"), address("a:5672"));
	}

	@Test
	void afterAConnectionTheNextOneTriesThatHostFirstThenMovesOnCyclically() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));

		failover.connected(HOSTS.get(0));

		assertThat(failover.getAddresses()).containsExactly(address("a:5672"), address("b:5673"), address("c:5674"));
	}

	@Test
	void aHostThatIsNoneOfTheUrlsChangesNothing() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));

		failover.connected(null);

		assertThat(failover.getAddresses().get(0)).isEqualTo(address("b:5673"));
	}

	@Test
	void shuffleTriesTheCurrentHostThenHostsDrawnAtRandomWhichMayRepeat() {
		FailoverAddresses failover = new FailoverAddresses("shuffle", HOSTS, new Scripted(0, 0, 2, 2, 1, 0));

		assertThat(failover.getAddresses()).containsExactly(address("b:5673"), address("a:5672"), address("a:5672"));
		assertThat(failover.getAddresses()).containsExactly(address("b:5673"), address("c:5674"), address("b:5673"));
	}

	@Test
	void afterASilentDeathTheOtherHostsAreTriedFirstAndTheSilentOneLast() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));
		failover.connected(HOSTS.get(1));

		failover.wentSilent(HOSTS.get(1));

		assertThat(failover.getAddresses()).containsExactly(address("c:5674"), address("a:5672"), address("b:5673"));
	}

	@Test
	void aSilentHostThatIsNotTheCurrentOneIsStillTriedLast() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));
		failover.connected(HOSTS.get(0));

		failover.wentSilent(HOSTS.get(1));

		assertThat(failover.getAddresses()).containsExactly(address("a:5672"), address("c:5674"), address("b:5673"));
	}

	@Test
	void onceConnectedAgainTheSilentHostTakesItsTurnAsBefore() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS, new Scripted(0, 0));
		failover.wentSilent(HOSTS.get(1));

		failover.connected(HOSTS.get(0));

		assertThat(failover.getAddresses()).containsExactly(address("a:5672"), address("b:5673"), address("c:5674"));
	}

	@Test
	void shuffleNeverDrawsTheSilentHostBeforeTheLastAttempt() {
		FailoverAddresses failover = new FailoverAddresses("shuffle", HOSTS, new Scripted(0, 0, 1));
		failover.connected(HOSTS.get(1));

		failover.wentSilent(HOSTS.get(1));

		assertThat(failover.getAddresses()).containsExactly(address("c:5674"), address("a:5672"), address("b:5673"));
	}

	@Test
	void aSingleSilentHostIsStillAllThereIsToTry() {
		FailoverAddresses failover = new FailoverAddresses("round-robin", HOSTS.subList(0, 1), new Random());

		failover.wentSilent(HOSTS.get(0));

		assertThat(failover.getAddresses()).containsExactly(address("a:5672"));
	}

	@Test
	void aSingleHostIsAllThereIsToTry() {
		FailoverAddresses failover = new FailoverAddresses("shuffle", HOSTS.subList(0, 1), new Random());

		assertThat(failover.getAddresses()).containsExactly(address("a:5672"));
	}

	private static Address address(String text) {
		return Address.parseAddress(text);
	}

	private static List<String> names(List<TransportUrl.Host> hosts) {
		return hosts.stream().map(TransportUrl.Host::hostnameOrDefault).toList();
	}

	/** A Random that answers nextInt with the given values, then 0. */
	static final class Scripted extends Random {

		private static final long serialVersionUID = 1L;

		private final Deque<Integer> values = new ArrayDeque<>();

		Scripted(Integer... values) {
			this.values.addAll(List.of(values));
		}

		@Override
		public int nextInt(int bound) {
			Integer next = this.values.poll();
			return (next != null) ? next : 0;
		}

	}

}
