package io.oslo4j.sample.compute;

/**
 * An instance as the compute service returns it.
 *
 * @param id the instance id
 * @param flavor its flavor
 * @param status its status
 */
public record Server(String id, String flavor, String status) {
}
