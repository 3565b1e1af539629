package io.oslo4j.messaging.executor;

import java.util.List;

import io.oslo4j.messaging.MessagingException;
import io.oslo4j.messaging.ServerDescription;

/**
 * A server or listener was built with executor {@code reactive} while some of its endpoint
 * methods still return a plain value. The message lists them with their Java signatures.
 *
 * @since 0.2
 */
public class BlockingMethodsLeftException extends MessagingException {

	private static final long serialVersionUID = 1L;

	private final List<String> signatures;

	/** @param blocking the methods that return a plain value */
	public BlockingMethodsLeftException(List<ServerDescription.Method> blocking) {
		this(blocking.stream().map(ServerDescription.Method::signature).toArray(String[]::new));
	}

	private BlockingMethodsLeftException(String... signatures) {
		super("executor 'reactive' needs every endpoint method to return Mono or CompletionStage; still blocking: "
				+ String.join(", ", signatures) + ". Make " + ((signatures.length == 1) ? "it" : "them")
				+ " return Mono or CompletionStage, or serve with executor 'greenio' until "
				+ ((signatures.length == 1) ? "it does" : "they do"));
		this.signatures = List.of(signatures);
	}

	/** The blocking methods' signatures, as {@code ComputeEndpoint.getHostInfo(RequestContext) → HostInfo}. */
	public List<String> signatures() {
		return this.signatures;
	}

}
