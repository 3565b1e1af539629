package io.oslo4j.messaging.wire;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a well-formed request straight from the inner message's bytes ({@link InnerJson}), without
 * a tree of the message and without Jackson's per-message set-up (only {@code args} and non-scalar
 * context values become trees). It gives up (returns null) at the first thing
 * {@link RpcRequest#fromJson} would refuse or treat specially, and at duplicate keys, so that the
 * tree reader decides every irregular message exactly as before, with the same errors.
 */
final class RequestReader {

	private static final int METHOD = 1;

	private static final int ARGS = 1 << 1;

	private static final int NAMESPACE = 1 << 2;

	private static final int VERSION = 1 << 3;

	private static final int MSG_ID = 1 << 4;

	private static final int REPLY_Q = 1 << 5;

	private static final int TIMEOUT = 1 << 6;

	private static final int UNIQUE_ID = 1 << 7;

	private RequestReader() {
	}

	/** The request, or null when the message is not a plainly well-formed request. */
	static @Nullable RpcRequest read(InnerJson json) {
		ContextEntries context = ContextEntries.CURRENT.get();
		try {
			return read(json, context);
		}
		finally {
			context.clear();
		}
	}

	private static @Nullable RpcRequest read(InnerJson json, ContextEntries context) {
		json.beginObject();
		int seen = 0;
		String method = null;
		ObjectNode args = null;
		String namespace = null;
		String version = null;
		String msgId = null;
		String replyQueue = null;
		Double timeout = null;
		String uniqueId = null;
		for (String name = json.nextName(true); name != null; name = json.nextName(false)) {
			int key = switch (name) {
				case "method" -> METHOD;
				case "args" -> ARGS;
				case "namespace" -> NAMESPACE;
				case "version" -> VERSION;
				case "_msg_id" -> MSG_ID;
				case "_reply_q" -> REPLY_Q;
				case "_timeout" -> TIMEOUT;
				case "_unique_id" -> UNIQUE_ID;
				default -> 0;
			};
			if ((seen & key) != 0) {
				// a duplicate: the tree keeps the last
				return null;
			}
			seen |= key;
			switch (key) {
				case METHOD -> method = stringOrNull(json);
				case NAMESPACE -> namespace = stringOrNull(json);
				case VERSION -> version = stringOrNull(json);
				case MSG_ID -> msgId = optionalString(json, false);
				case REPLY_Q -> replyQueue = optionalString(json, true);
				case UNIQUE_ID -> uniqueId = optionalString(json, false);
				case ARGS -> {
					if (json.isObject()) {
						args = (ObjectNode) json.readNode(1);
					}
					else if (json.isNull()) {
						json.readNull();
					}
					else {
						return null;
					}
				}
				case TIMEOUT -> {
					if (json.isNumber()) {
						timeout = json.readDouble();
					}
					else if (json.isNull()) {
						json.readNull();
					}
					else {
						return null;
					}
				}
				default -> {
					if (name.startsWith(RpcRequest.CONTEXT_PREFIX)) {
						if (!context.add(RpcRequest.contextKey(name), contextValue(json))) {
							// a duplicate: the tree keeps the last
							return null;
						}
					}
					else {
						json.skipValue(1);
					}
				}
			}
		}
		return new RpcRequest(method, (args != null) ? args : json.envelope().mapper().createObjectNode(), namespace,
				version, msgId, replyQueue, timeout, uniqueId, RequestContext.of(context));
	}

	/** A string (one that recurs: a method, a namespace, a version) or null; anything else is the tree reader's error. */
	private static @Nullable String stringOrNull(InnerJson json) {
		if (json.isString()) {
			return json.readRecurringString();
		}
		if (json.isNull()) {
			json.readNull();
			return null;
		}
		throw InnerJson.GiveUp.INSTANCE;
	}

	/** A string, or null for any other value (as the tree reader has it). */
	private static @Nullable String optionalString(InnerJson json, boolean recurring) {
		if (json.isString()) {
			return recurring ? json.readRecurringString() : json.readString();
		}
		json.skipValue(1);
		return null;
	}

	private static @Nullable Object contextValue(InnerJson json) {
		if (json.isString()) {
			return json.readString();
		}
		if (json.isTrue() || json.isFalse()) {
			return json.readBoolean();
		}
		if (json.isNull()) {
			json.readNull();
			return null;
		}
		return RpcRequest.contextValue(json.envelope().mapper(), json.readNode(1));
	}

	/**
	 * The context entries of the request being read, kept per thread: {@link RequestContext#of}
	 * copies them, so the reader needs no map of its own per message.
	 */
	private static final class ContextEntries extends AbstractMap<String, @Nullable Object> {

		static final ThreadLocal<ContextEntries> CURRENT = ThreadLocal.withInitial(ContextEntries::new);

		private String[] keys = new String[16];

		private @Nullable Object[] values = new Object[16];

		private int size;

		/** Adds an entry; false when the key is already there. */
		boolean add(String key, @Nullable Object value) {
			for (int i = 0; i < this.size; i++) {
				if (this.keys[i].equals(key)) {
					return false;
				}
			}
			if (this.size == this.keys.length) {
				this.keys = Arrays.copyOf(this.keys, this.size * 2);
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.keys[this.size] = key;
			this.values[this.size++] = value;
			return true;
		}

		@Override
		public void clear() {
			Arrays.fill(this.keys, 0, this.size, null);
			Arrays.fill(this.values, 0, this.size, null);
			this.size = 0;
		}

		@Override
		public int size() {
			return this.size;
		}

		@Override
		public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
			for (int i = 0; i < this.size; i++) {
				action.accept(this.keys[i], this.values[i]);
			}
		}

		@Override
		public Set<Map.Entry<String, @Nullable Object>> entrySet() {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			forEach(copy::put);
			return copy.entrySet();
		}

	}

}
