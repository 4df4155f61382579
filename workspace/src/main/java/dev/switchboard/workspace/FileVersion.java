package dev.switchboard.workspace;

/**
 * Which version of a connector's file is current, without its text: enough to tell what changed since it was read.
 *
 * @param connector the connector's name
 * @param file the file, such as {@code actions/list_users.yaml}
 * @param version its current version
 */
public record FileVersion(String connector, String file, int version) {}
