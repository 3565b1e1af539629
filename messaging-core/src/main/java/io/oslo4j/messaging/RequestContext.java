package io.oslo4j.messaging;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

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

	private static final RequestContext EMPTY = new RequestContext(new Entries(new String[0], new Object[0]));

	private final Entries values;

	private RequestContext(Entries values) {
		this.values = values;
	}

	/** The empty context. */
	public static RequestContext empty() {
		return EMPTY;
	}

	/** A context holding a copy of these entries; values must be JSON-like. */
	public static RequestContext of(Map<String, ? extends @Nullable Object> values) {
		int size = values.size();
		if (size == 0) {
			return EMPTY;
		}
		if (values instanceof Entries entries) {
			// another context's entries, which nothing changes
			return new RequestContext(entries);
		}
		String[] keys = new String[size];
		@Nullable Object[] copied = new Object[size];
		int[] at = { 0 };
		values.forEach((key, value) -> {
			keys[at[0]] = key;
			copied[at[0]++] = value;
		});
		return new RequestContext(new Entries(keys, copied));
	}

	/** A copy of this context with one more (or a replaced) entry. */
	public RequestContext with(String key, @Nullable Object value) {
		int index = this.values.indexOf(key);
		int size = this.values.keys.length;
		String[] keys = Arrays.copyOf(this.values.keys, (index < 0) ? size + 1 : size);
		@Nullable Object[] values = Arrays.copyOf(this.values.values, keys.length);
		keys[(index < 0) ? size : index] = key;
		values[(index < 0) ? size : index] = value;
		return new RequestContext(new Entries(keys, values));
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

	/**
	 * The entries in two arrays, read as an unmodifiable map in their original order: a context has
	 * a few dozen keys at most, and a server copies each request's context once more to add
	 * {@code client_timeout}, so a copy is two small arrays instead of a linked hash map.
	 */
	private static final class Entries extends AbstractMap<String, @Nullable Object> {

		final String[] keys;

		final @Nullable Object[] values;

		Entries(String[] keys, @Nullable Object[] values) {
			this.keys = keys;
			this.values = values;
		}

		int indexOf(@Nullable Object key) {
			for (int i = 0; i < this.keys.length; i++) {
				if (Objects.equals(this.keys[i], key)) {
					return i;
				}
			}
			return -1;
		}

		@Override
		public int size() {
			return this.keys.length;
		}

		@Override
		public boolean containsKey(@Nullable Object key) {
			return indexOf(key) >= 0;
		}

		@Override
		public @Nullable Object get(@Nullable Object key) {
			int index = indexOf(key);
			return (index >= 0) ? this.values[index] : null;
		}

		@Override
		public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
			for (int i = 0; i < this.keys.length; i++) {
				action.accept(this.keys[i], this.values[i]);
			}
		}

		@Override
		public Set<Map.Entry<String, @Nullable Object>> entrySet() {
			return new AbstractSet<>() {

				@Override
				public int size() {
					return Entries.this.keys.length;
				}

				@Override
				public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
					return new Iterator<>() {

						private int next;

						@Override
						public boolean hasNext() {
							return this.next < Entries.this.keys.length;
						}

						@Override
						public Map.Entry<String, @Nullable Object> next() {
							if (!hasNext()) {
								throw new NoSuchElementException();
							}
							int i = this.next++;
							return new AbstractMap.SimpleImmutableEntry<>(Entries.this.keys[i], Entries.this.values[i]);
						}

					};
				}

			};
		}

	}

}
