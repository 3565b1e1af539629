package io.oslo4j.messaging.rpc;

import java.time.Duration;

import io.oslo4j.messaging.InvalidTargetException;
import io.oslo4j.messaging.RpcVersionCapException;
import io.oslo4j.messaging.Target;
import io.oslo4j.messaging.Version;

import org.jspecify.annotations.Nullable;

/**
 * What oslo's {@code RPCClient.prepare} may change: where a client sends and how long, how often
 * and how reliably it tries. Immutable; each {@code withXxx} returns a copy with one setting
 * changed, and an {@link RpcClient} is its transport and one of these.
 *
 * @param target where requests go
 * @param timeout how long a call waits for its reply, or null to wait forever
 * @param versionCap the highest version requests may ask for, or null for no cap
 * @param retry how often a failed publish is retried: null or negative until sent, 0 never
 * @param callMonitorTimeout how long a call waits between heartbeats, or null for no heartbeats
 * @param atLeastOnce whether requests are published mandatory
 * @param directReplyTo whether calls name RabbitMQ's direct reply-to address as their reply queue
 */
record CallOptions(Target target, @Nullable Duration timeout, @Nullable String versionCap, @Nullable Integer retry,
		@Nullable Duration callMonitorTimeout, boolean atLeastOnce, boolean directReplyTo) {

	/**
	 * @throws io.oslo4j.messaging.MessagingException if the version cap is not
	 * {@code MAJOR.MINOR[.REVISION]}
	 */
	CallOptions {
		if (versionCap != null) {
			Version.parse(versionCap);
		}
	}

	/**
	 * oslo's defaults for a target: {@code timeout}, no cap, retry until sent, no monitor, at most once,
	 * the named reply queue.
	 */
	static CallOptions defaults(Target target, Duration timeout) {
		return new CallOptions(target, timeout, null, null, null, false, false);
	}

	CallOptions withTarget(Target target) {
		return new CallOptions(target, this.timeout, this.versionCap, this.retry, this.callMonitorTimeout, this.atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withTimeout(@Nullable Duration timeout) {
		return new CallOptions(this.target, timeout, this.versionCap, this.retry, this.callMonitorTimeout, this.atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withVersionCap(@Nullable String versionCap) {
		return new CallOptions(this.target, this.timeout, versionCap, this.retry, this.callMonitorTimeout, this.atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withRetry(@Nullable Integer retry) {
		return new CallOptions(this.target, this.timeout, this.versionCap, retry, this.callMonitorTimeout, this.atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withCallMonitorTimeout(@Nullable Duration callMonitorTimeout) {
		return new CallOptions(this.target, this.timeout, this.versionCap, this.retry, callMonitorTimeout, this.atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withAtLeastOnce(boolean atLeastOnce) {
		return new CallOptions(this.target, this.timeout, this.versionCap, this.retry, this.callMonitorTimeout, atLeastOnce,
				this.directReplyTo);
	}

	CallOptions withDirectReplyTo(boolean directReplyTo) {
		return new CallOptions(this.target, this.timeout, this.versionCap, this.retry, this.callMonitorTimeout,
				this.atLeastOnce, directReplyTo);
	}

	/** Whether a message at {@code version} is within the version cap. */
	boolean canSendVersion(@Nullable String version) {
		return this.versionCap == null || Version.isCompatible(this.versionCap, version);
	}

	/**
	 * Refuses, before anything is sent, what oslo refuses: a target without a topic, a version
	 * above the cap and, for a call, a fanout target.
	 * @param call whether the request expects a reply
	 */
	void checkSendable(boolean call) {
		if (call && this.target.fanout()) {
			throw new InvalidTargetException("A call cannot be used with fanout", this.target);
		}
		this.target.requireTopic(call ? "a call" : "a cast");
		if (!canSendVersion(this.target.version())) {
			throw new RpcVersionCapException(this.target.version(), this.versionCap);
		}
	}

	/** Whether a request is published mandatory: with at-least-once, except a fanout cast. */
	boolean mandatory() {
		return this.atLeastOnce && !this.target.fanout();
	}

	/** The call monitor timeout as the request's {@code call_monitor_timeout}, in seconds; null when off. */
	@Nullable Double callMonitorSeconds() {
		return (this.callMonitorTimeout != null) ? this.callMonitorTimeout.toMillis() / 1000.0 : null;
	}

}
