package io.oslo4j.sample.compute;

/**
 * What {@code get_host_info} returns.
 *
 * @param host the host name the service runs on
 * @param instances how many instances it holds
 * @param thread the thread that ran the method
 */
public record HostInfo(String host, int instances, String thread) {
}
