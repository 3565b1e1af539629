package io.oslo4j.messaging.rpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which addresses a server answers: reply addresses only. A request names its reply address
 * ({@code _reply_q}) itself, and the server publishes there with its own broker permissions, to
 * the default exchange, which routes to any queue by name; RabbitMQ cannot confine that, since
 * write permission on {@code amq.default} is write permission on every queue of the virtual host.
 * Without this rule any caller could make a server write into another service's queue, or into
 * the server's own queue, content of the caller's choosing. Every oslo client since 14.0.3 (and
 * every oslo4j client) names its reply queues {@code reply_<32 hex>}, or with oslo's queue manager
 * {@code reply_<host>:<process>:<n>}; RabbitMQ's direct reply-to addresses start with
 * {@code amq.rabbitmq.reply-to.}. A refused address is counted, and logged once (a bounded number
 * of distinct addresses are remembered, so that a caller cannot fill the memory with names).
 */
final class ReplyAddressRule {

	private static final Logger logger = LoggerFactory.getLogger(ReplyAddressRule.class);

	private static final String REPLY_PREFIX = "reply_";

	private static final String DIRECT_REPLY_TO_PREFIX = "amq.rabbitmq.reply-to.";

	private static final int MAX_LOGGED_ADDRESSES = 1024;

	private final @Nullable Pattern additional;

	private final LongAdder refused = new LongAdder();

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	/** @param additional addresses answered beside the default ones, or null */
	ReplyAddressRule(@Nullable Pattern additional) {
		this.additional = additional;
	}

	/**
	 * Whether the server may reply to this address; when not, the refusal is counted and, the
	 * first time for this address, logged with the request's method.
	 */
	boolean permits(String address, @Nullable String method) {
		if (isDefault(address)
				|| (this.additional != null && this.additional.matcher(address).matches())) {
			return true;
		}
		this.refused.increment();
		log(address, method);
		return false;
	}

	/**
	 * Whether {@link RpcServer#DEFAULT_REPLY_ADDRESSES} matches the address, decided without a
	 * {@link java.util.regex.Matcher} (and its arrays) per request: the regular expression's three
	 * alternatives, character by character.
	 */
	static boolean isDefault(String address) {
		if (address.startsWith(REPLY_PREFIX)) {
			return isHexId(address, REPLY_PREFIX.length()) || isQueueManagerName(address, REPLY_PREFIX.length());
		}
		if (address.startsWith(DIRECT_REPLY_TO_PREFIX) && address.length() > DIRECT_REPLY_TO_PREFIX.length()) {
			// ".+": any character but the line terminators that "." does not match
			for (int i = DIRECT_REPLY_TO_PREFIX.length(); i < address.length(); i++) {
				char c = address.charAt(i);
				if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/** {@code [0-9a-f]{32}} from {@code start} to the end. */
	private static boolean isHexId(String address, int start) {
		if (address.length() - start != 32) {
			return false;
		}
		for (int i = start; i < address.length(); i++) {
			char c = address.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/** {@code [^:]+:[^:]+:[0-9]+} from {@code start} to the end: oslo's queue manager's names. */
	private static boolean isQueueManagerName(String address, int start) {
		int first = address.indexOf(':', start);
		if (first <= start) {
			return false;
		}
		int second = address.indexOf(':', first + 1);
		if (second <= first + 1 || second == address.length() - 1) {
			return false;
		}
		for (int i = second + 1; i < address.length(); i++) {
			char c = address.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** How many replies were refused since the server was built. */
	long refused() {
		return this.refused.sum();
	}

	private void log(String address, @Nullable String method) {
		if (this.logged.size() >= MAX_LOGGED_ADDRESSES) {
			logger.debug("Refused to reply to \"{}\" ({})", address, method);
			return;
		}
		if (!this.logged.add(address)) {
			return;
		}
		logger.warn("Refused to reply to \"{}\" for {}: not a reply address ({}); the request is dropped, neither run "
				+ "nor answered. A client that names its reply queues so needs "
				+ "RpcServer.Builder.additionalReplyAddresses (messaging.server.additional-reply-addresses); further "
				+ "refusals of this address are only counted (RpcServer.refusedReplies()){}", address,
				(method != null) ? "a call of " + method : "a request it could not decode",
				RpcServer.DEFAULT_REPLY_ADDRESSES,
				(this.logged.size() == MAX_LOGGED_ADDRESSES) ? ", and new addresses logged at DEBUG" : "");
	}

}
