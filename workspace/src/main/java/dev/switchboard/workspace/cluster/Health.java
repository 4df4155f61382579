package dev.switchboard.workspace.cluster;

import java.time.Instant;

/**
 * Whether this instance reaches its database, as its last heartbeat found, for a load balancer's health check. Holds
 * nothing secret: no URL, user or error text from the driver.
 *
 * @param reachable whether the last heartbeat (every second) reached the database
 * @param since when the database became reachable or unreachable
 * @param detail what is wrong, in words fit for anyone (empty when reachable)
 */
public record Health(boolean reachable, Instant since, String detail) {}
