package dev.switchboard.workspace;

import java.time.Instant;

/**
 * A connector in a listing: its {@code connector.yaml}'s version, who saved it and when, and how many actions it has.
 *
 * @param connector the connector's name
 * @param version the version of its {@code connector.yaml}
 * @param savedBy who saved that version
 * @param savedAt when
 * @param actions how many action files it has
 */
public record ConnectorSummary(String connector, int version, String savedBy, Instant savedAt, int actions) {}
