package io.oslo4j.messaging.transport.rabbit;

/**
 * The TLS options of oslo's {@code [oslo_messaging_rabbit]} group, as
 * {@link RabbitOptions#tls()} reads them.
 *
 * @param enabled {@code ssl}
 * @param caFile {@code ssl_ca_file}, empty for the JVM's trust store
 * @param certFile {@code ssl_cert_file}, empty for none
 * @param keyFile {@code ssl_key_file}, empty for none (the key is then read from the cert file)
 * @param version {@code ssl_version}, empty for the JVM's default
 * @param hostnameVerification {@code ssl_enforce_hostname_verification}
 * @since 0.1
 */
public record RabbitTlsOptions(boolean enabled, String caFile, String certFile, String keyFile, String version,
		boolean hostnameVerification) {
}
