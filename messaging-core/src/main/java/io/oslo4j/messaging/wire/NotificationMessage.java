package io.oslo4j.messaging.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notification as the inner message carries it.
 *
 * <p>Keys, in the order oslo's notifier writes them: {@code message_id} (a dashed UUID),
 * {@code publisher_id}, {@code event_type}, {@code priority} (upper-case when oslo sends it,
 * lower-case from oslo's command-line tool), {@code payload}, {@code timestamp}
 * ({@code YYYY-MM-DD HH:MM:SS.ffffff}, naive UTC, see {@link #formatTimestamp(Instant)}), then
 * {@code _unique_id} and one {@code _context_<key>} per context entry.
 *
 * <p>Reading is lenient, as oslo's listener is: every field may be missing (null here). A field
 * that should be a string but holds another JSON value is kept as that value's JSON text.
 *
 * @param messageId the notification's id, shared by the copies sent to several topics
 * @param publisherId who sent it, e.g. {@code compute.host1}
 * @param eventType what happened, e.g. {@code compute.instance.create.end}
 * @param priority the priority as written in the body, e.g. {@code INFO}
 * @param payload the payload, JSON null when absent
 * @param timestamp when it was sent, in oslo's format
 * @param uniqueId the id used for duplicate suppression, fresh for every publish, or null when
 * the sender gave none
 * @param context the request context, from the {@code _context_*} keys
 * @since 0.1
 */
public record NotificationMessage(@Nullable String messageId, @Nullable String publisherId,
		@Nullable String eventType, @Nullable String priority, JsonNode payload, @Nullable String timestamp,
		@Nullable String uniqueId, RequestContext context) {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

	private static final DateTimeFormatter PARSER = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSSSSS]");

	/** The same message with another {@code _unique_id}: each publish of a notification has its own. */
	public NotificationMessage withUniqueId(String uniqueId) {
		return new NotificationMessage(this.messageId, this.publisherId, this.eventType, this.priority, this.payload,
				this.timestamp, uniqueId, this.context);
	}

	/** The inner message, in oslo's key order. */
	public ObjectNode toJson(JsonMapper mapper) {
		ObjectNode node = mapper.createObjectNode();
		node.put("message_id", this.messageId);
		node.put("publisher_id", this.publisherId);
		node.put("event_type", this.eventType);
		node.put("priority", this.priority);
		node.set("payload", this.payload);
		node.put("timestamp", this.timestamp);
		if (this.uniqueId != null) {
			node.put("_unique_id", this.uniqueId);
		}
		RpcRequest.putContext(mapper, node, this.context);
		return node;
	}

	/** Reads an inner message, leniently (see the class documentation). */
	public static NotificationMessage fromJson(JsonMapper mapper, ObjectNode node) {
		JsonNode payload = node.get("payload");
		JsonNode uniqueId = node.get("_unique_id");
		return new NotificationMessage(text(node, "message_id"), text(node, "publisher_id"), text(node, "event_type"),
				text(node, "priority"), (payload != null) ? payload : NullNode.getInstance(), text(node, "timestamp"),
				(uniqueId != null && uniqueId.isString()) ? uniqueId.asString() : null,
				RpcRequest.readContext(mapper, node));
	}

	/**
	 * An instant as Python's {@code str(datetime.utcnow())}: {@code YYYY-MM-DD HH:MM:SS.ffffff} in
	 * UTC without a zone, truncated to microseconds, the fraction omitted when it is zero.
	 */
	public static String formatTimestamp(Instant instant) {
		LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		int micros = utc.get(ChronoField.MICRO_OF_SECOND);
		String seconds = SECONDS.format(utc);
		return (micros == 0) ? seconds : seconds + "." + String.format("%06d", micros);
	}

	/**
	 * Reads a timestamp written by {@link #formatTimestamp(Instant)} (or by oslo).
	 * @return the instant, or null when the text is not in that format
	 */
	public static @Nullable Instant parseTimestamp(String timestamp) {
		try {
			return LocalDateTime.parse(timestamp, PARSER).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable String text(ObjectNode node, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isString() ? value.asString() : value.toString();
	}

}
