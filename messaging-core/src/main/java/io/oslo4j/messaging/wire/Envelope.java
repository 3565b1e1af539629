package io.oslo4j.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The oslo.messaging 2.0 envelope: an AMQP body {@code {"oslo.version": "2.0", "oslo.message":
 * "<inner JSON as a string>"}}, sent as {@code application/json} in {@code utf-8}.
 *
 * <p>On input the envelope is optional (a JSON object without both keys is the message itself),
 * but when present its version must be exactly 2.0. The content type must be exactly
 * {@code application/json}, as kombu decodes by that string; a body with a {@code compression}
 * header is decompressed first, as kombu does (see {@link Compression}).
 *
 * @since 0.1
 */
public final class Envelope {

	/** The only content type oslo peers decode. */
	public static final String CONTENT_TYPE = "application/json";

	/** The content encoding of every oslo message. */
	public static final String CONTENT_ENCODING = "utf-8";

	static final String VERSION_KEY = "oslo.version";

	static final String MESSAGE_KEY = "oslo.message";

	private final JsonMapper mapper;

	private final int maxBodyBytes;

	/**
	 * Whether messages are read in place ({@link InnerJson}) and written without a generator
	 * ({@link InnerJsonWriter}): they make the trees and bytes of oslo's dialect ({@link WireJson}),
	 * so a mapper configured otherwise reads and writes trees.
	 */
	private final boolean inPlace;

	/**
	 * @param mapper the mapper, with its read limits
	 * @param maxBodyBytes the largest body accepted, after decompression
	 */
	public Envelope(JsonMapper mapper, int maxBodyBytes) {
		this.mapper = mapper;
		this.maxBodyBytes = maxBodyBytes;
		this.inPlace = WireJson.isDialectOf(mapper);
	}

	/** An envelope with oslo's JSON dialect and these limits. */
	public Envelope(WireLimits limits) {
		this(limits.equals(WireLimits.defaults()) ? WireJson.mapper()
				: WireJson.create(limits.maxNestingDepth(), limits.maxStringLength()), limits.maxBodyBytes());
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	/** The body for an enveloped message (requests, replies, {@code messagingv2} notifications). */
	public byte[] wrap(ObjectNode message) {
		return wrapText(this.mapper.writeValueAsString(message));
	}

	/** The body of a request: the same bytes as {@code wrap(request.toJson(mapper()))}, without the tree. */
	public byte[] wrap(RpcRequest request) {
		return this.inPlace ? EnvelopeBytes.write(this.mapper, request::write, this::wrapText)
				: wrap(request.toJson(this.mapper));
	}

	/** The body of a reply: the same bytes as {@code wrap(reply.toJson(mapper()))}, without the tree. */
	public byte[] wrap(RpcReply reply) {
		return this.inPlace ? EnvelopeBytes.write(this.mapper, reply::write, this::wrapText)
				: wrap(reply.toJson(this.mapper));
	}

	/** The enveloped body of an inner message already written as JSON text, without a tree for the envelope. */
	byte[] wrapText(String message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(message.length() + message.length() / 8 + 48);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty(VERSION_KEY, "2.0");
			generator.writeStringProperty(MESSAGE_KEY, message);
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	/** The body for an unenveloped message ({@code messaging} v1 notifications). */
	public byte[] plain(ObjectNode message) {
		return this.mapper.writeValueAsBytes(message);
	}

	/**
	 * The inner message of a body, unwrapped from its envelope when it has one.
	 * @param body the AMQP body
	 * @param contentType the AMQP content type, which must be {@code application/json}
	 * @param headers the AMQP headers (for {@code compression})
	 * @throws MalformedMessageException if the body is not an oslo message
	 */
	public ObjectNode unwrap(byte[] body, @Nullable String contentType, Map<String, ?> headers) {
		if (!CONTENT_TYPE.equals(contentType)) {
			throw new MalformedMessageException("content type must be exactly " + CONTENT_TYPE + ", was " + contentType);
		}
		byte[] json = decompress(body, headers.get(Compression.HEADER));
		ObjectNode outer = readObject(json, "message body");
		JsonNode version = outer.get(VERSION_KEY);
		JsonNode inner = outer.get(MESSAGE_KEY);
		if (version == null || inner == null) {
			return outer;
		}
		if (!version.isString() || !"2.0".equals(version.asString())) {
			throw new MalformedMessageException("unsupported envelope version " + version + ", only 2.0 is understood");
		}
		if (!inner.isString()) {
			throw new MalformedMessageException("oslo.message must be a JSON string, was " + inner.getNodeType());
		}
		String text = inner.asString();
		checkSize(Utf8.length(text, this.maxBodyBytes), "oslo.message");
		// Parsed from the string itself: no UTF-8 copy of what the outer parse has just decoded.
		return toObject(() -> this.mapper.readTree(text), "oslo.message");
	}

	/**
	 * Decodes a body with a reader of the inner message's bytes ({@link InnerJson}) where it is
	 * plainly a well-formed 2.0 envelope and the reader accepts the message: no tree of the envelope,
	 * no copy of the inner text as a string, no Jackson parser. Anything else (no envelope, any
	 * irregularity) takes {@link #unwrap} and the tree reader, with their errors.
	 * @param fast reads the inner message, returning null when the tree reader must decide; null to
	 * read every message as a tree
	 * @param tree reads the inner message's tree
	 */
	<T> T decode(byte[] body, @Nullable String contentType, Map<String, ?> headers,
			@Nullable Function<InnerJson, @Nullable T> fast, BiFunction<JsonMapper, ObjectNode, T> tree) {
		if (fast != null && this.inPlace && CONTENT_TYPE.equals(contentType) && headers.get(Compression.HEADER) == null
				&& body.length <= this.maxBodyBytes) {
			T message = InnerJson.read(this, body, fast);
			if (message != null) {
				return message;
			}
		}
		return tree.apply(this.mapper, unwrap(body, contentType, headers));
	}

	private ObjectNode readObject(byte[] json, String what) {
		checkSize(json.length, what);
		return toObject(() -> this.mapper.readTree(json), what);
	}

	private void checkSize(long bytes, String what) {
		if (bytes > this.maxBodyBytes) {
			throw new MalformedMessageException(what + " of " + bytes + " bytes exceeds the limit of "
					+ this.maxBodyBytes + " bytes (WireLimits.maxBodyBytes)");
		}
	}

	private static ObjectNode toObject(Supplier<JsonNode> read, String what) {
		JsonNode node;
		try {
			node = read.get();
		}
		catch (StreamConstraintsException ex) {
			throw new MalformedMessageException(what + " exceeds a limit: " + constraintOf(ex), ex);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || !node.isObject()) {
			throw new MalformedMessageException(what + " must be a JSON object, was "
					+ ((node != null) ? node.getNodeType() : "empty"));
		}
		return (ObjectNode) node;
	}

	/** Jackson's text without its pointer to its own API, and the {@link WireLimits} that sets it. */
	private static String constraintOf(StreamConstraintsException ex) {
		String text = ex.getOriginalMessage().replaceAll(", from `[^`]*`", "");
		if (text.contains("nesting depth")) {
			return text + " (WireLimits.maxNestingDepth)";
		}
		if (text.contains("String value length")) {
			return text + " (WireLimits.maxStringLength)";
		}
		return text;
	}

	private byte[] decompress(byte[] body, @Nullable Object compression) {
		return (compression != null) ? Compression.decompress(body, compression.toString(), this.maxBodyBytes) : body;
	}

}
