package io.oslo4j.messaging.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.oslo4j.messaging.RequestContext;

import org.jspecify.annotations.Nullable;

/**
 * The context keys oslo.messaging 14.0.3 lets into a notification ({@code _sanitize_context}):
 * identity and request ids. Everything else, {@code auth_token} first, is dropped, so that a
 * token never reaches the many consumers of notifications.
 */
final class ContextWhitelist {

	static final Set<String> KEYS = Set.of("user_id", "project_id", "domain_id", "user_domain_id",
			"project_domain_id", "is_admin", "request_id", "roles", "user_name", "project_name", "domain_name",
			"user_domain_name", "project_domain_name", "service_user_id", "service_user_domain_id",
			"service_user_domain_name", "service_project_id", "service_project_name", "service_project_domain_id",
			"service_project_domain_name", "service_roles", "global_request_id", "system_scope", "user", "domain",
			"user_domain", "project_domain");

	private ContextWhitelist() {
	}

	/** The whitelisted entries of a context, in their original order. */
	static RequestContext sanitize(RequestContext context) {
		Map<String, @Nullable Object> kept = new LinkedHashMap<>();
		context.asMap().forEach((key, value) -> {
			if (KEYS.contains(key)) {
				kept.put(key, value);
			}
		});
		return (kept.size() == context.asMap().size()) ? context : RequestContext.of(kept);
	}

}
