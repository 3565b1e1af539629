package io.oslo4j.messaging.transport.rabbit;

import java.util.List;

import io.oslo4j.messaging.transport.Listener;

/**
 * Listeners that stop and close together, each on a channel of its own and recovering on its own:
 * an RPC server's calls and its fanout ({@link RabbitTopology.RpcServer}). They share one handler,
 * which their channels' dispatch threads may call at the same time.
 */
final class ListenerGroup implements Listener {

	private final List<Listener> members;

	ListenerGroup(List<? extends Listener> members) {
		this.members = List.copyOf(members);
	}

	@Override
	public void stop() {
		this.members.forEach(Listener::stop);
	}

	@Override
	public void close() {
		this.members.forEach(Listener::close);
	}

	/** Whether every member consumes from all its queues right now. */
	@Override
	public boolean isConsuming() {
		return this.members.stream().allMatch(Listener::isConsuming);
	}

}
