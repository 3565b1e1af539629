package io.oslo4j.messaging.reliability;

import java.time.Duration;

import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.executor.ExecutorKind;
import io.oslo4j.messaging.rpc.RpcServer;
import io.oslo4j.messaging.transport.Transport;

/**
 * An RPC server in a process of its own, so that a test can kill it in the middle of calls:
 * prints {@code READY} once it consumes, then {@code STARTED <seq>} when a call of
 * {@link SlowService#slow} starts. Arguments: transport URL, topic, server name.
 */
public final class ServerProcess {

	private ServerProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		Transport transport = Transport.open(args[0]);
		RpcServer server = RpcServer.builder(transport, Target.topic(args[1]).withServer(args[2]))
			.endpoint(new SlowService((seq) -> {
				System.out.println("STARTED " + seq);
				System.out.flush();
			}))
			.executor(ExecutorKind.EVENTLET)
			.build();
		server.start();
		System.out.println("READY");
		System.out.flush();
		Thread.sleep(Duration.ofMinutes(5).toMillis());
	}

}
