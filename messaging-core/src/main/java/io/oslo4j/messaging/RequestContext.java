package io.oslo4j.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The request context that travels with a call, cast or notification: a map from names to JSON
 * values (strings, numbers, booleans, null, lists and maps of those), sent on the wire as
 * {@code _context_<name>} entries. oslo.context's {@code RequestContext.to_dict()} is such a map.
 *
 * <p>On the server side the context also holds {@code client_timeout}, the caller's call-monitor
 * timeout (usually null), as Python endpoints see it.
 *
 * @since 0.1
 */
public final class RequestContext {

	private static final RequestContext EMPTY = new RequestContext(Map.of());

	private final Map<String, @Nullable Object> values;

	private RequestContext(Map<String, @Nullable Object> values) {
		this.values = values;
	}

	/** The empty context. */
	public static RequestContext empty() {
		return EMPTY;
	}

	/** A context holding a copy of these entries; values must be JSON-like. */
	public static RequestContext of(Map<String, ? extends @Nullable Object> values) {
		if (values.isEmpty()) {
			return EMPTY;
		}
		return new RequestContext(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
	}

	/** A copy of this context with one more (or a replaced) entry. */
	public RequestContext with(String key, @Nullable Object value) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.values);
		copy.put(key, value);
		return new RequestContext(Collections.unmodifiableMap(copy));
	}

	/** The value under {@code key}, or null when absent or null. */
	public @Nullable Object get(String key) {
		return this.values.get(key);
	}

	/** The value under {@code key} as text, or null when absent or null. */
	public @Nullable String getString(String key) {
		Object value = this.values.get(key);
		return (value != null) ? value.toString() : null;
	}

	/** Whether the context has an entry (possibly null) under {@code key}. */
	public boolean containsKey(String key) {
		return this.values.containsKey(key);
	}

	/** The entries, in their original order; unmodifiable. */
	public Map<String, @Nullable Object> asMap() {
		return this.values;
	}

	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RequestContext that && this.values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return "RequestContext" + this.values.keySet();
	}

}
