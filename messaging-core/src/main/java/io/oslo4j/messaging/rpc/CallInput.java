package io.oslo4j.messaging.rpc;

import io.oslo4j.messaging.RequestContext;
import io.oslo4j.messaging.serializer.Serializer;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one RPC call hands its endpoint method's parameters: the request context, the keyword
 * arguments, and the server's serializer to read them with.
 *
 * @param method the method's RPC name, as Python's {@code TypeError} messages name it
 * @param context the request context, deserialized
 * @param args the request's {@code args}, by name
 * @param serializer the server's serializer
 */
record CallInput(String method, RequestContext context, ObjectNode args, Serializer serializer) {
}
