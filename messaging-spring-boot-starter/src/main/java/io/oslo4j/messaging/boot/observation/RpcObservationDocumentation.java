package io.oslo4j.messaging.boot.observation;

import java.util.concurrent.CancellationException;

import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

import org.jspecify.annotations.Nullable;

/**
 * The observations of oslo4j RPC: {@code oslo.rpc.server} for each request a server serves, from
 * its hand-over to the executor until its reply has been published, and {@code oslo.rpc.client}
 * for each call or cast a client sends, until its outcome.
 *
 * @since 0.1
 */
public enum RpcObservationDocumentation implements ObservationDocumentation {

	/** A request served: from its hand-over to the executor until its reply has been published. */
	SERVER {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcServerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TOPIC, LowCardinalityKeyNames.METHOD,
					LowCardinalityKeyNames.KIND, LowCardinalityKeyNames.EXECUTOR, LowCardinalityKeyNames.OUTCOME,
					LowCardinalityKeyNames.EXCEPTION };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeyNames.SERVER };
		}

	},

	/** A call or cast sent: until its result, failure or cancellation. */
	CLIENT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcClientObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TOPIC, LowCardinalityKeyNames.METHOD,
					LowCardinalityKeyNames.KIND, LowCardinalityKeyNames.OUTCOME, LowCardinalityKeyNames.EXCEPTION };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeyNames.SERVER };
		}

	};

	/** Keys with few values, safe for metrics. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The topic. */
		TOPIC {
			@Override
			public String asString() {
				return "topic";
			}
		},

		/** The RPC method, as sent. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** {@code call} or {@code cast}. */
		KIND {
			@Override
			public String asString() {
				return "kind";
			}
		},

		/** The server's executor, {@code eventlet} or {@code greenio}. */
		EXECUTOR {
			@Override
			public String asString() {
				return "executor";
			}
		},

		/** {@code SUCCESS}, {@code FAILURE} or, on a client, {@code CANCELLED}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple class name of the failure, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/** Keys with many values, for traces only. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The server that serves, or that a client addressed alone; {@code none} for any. */
		SERVER {
			@Override
			public String asString() {
				return "server";
			}
		}

	}

	static KeyValue outcome(@Nullable Throwable error) {
		if (error == null) {
			return LowCardinalityKeyNames.OUTCOME.withValue("SUCCESS");
		}
		return LowCardinalityKeyNames.OUTCOME.withValue((error instanceof CancellationException) ? "CANCELLED" : "FAILURE");
	}

	static KeyValue exception(@Nullable Throwable error) {
		return LowCardinalityKeyNames.EXCEPTION.withValue((error != null) ? error.getClass().getSimpleName() : "none");
	}

	static String orNone(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : "none";
	}

}
