package dev.switchboard.workspace;

import java.time.Instant;

/**
 * One entry of a file's history.
 *
 * @param version the version number
 * @param change {@code created}, {@code changed}, {@code deleted}, {@code restored} or {@code imported}
 * @param deleted whether this version deleted the file (it has no text)
 * @param savedBy who saved it
 * @param savedAt when
 */
public record DocumentVersion(int version, String change, boolean deleted, String savedBy, Instant savedAt) {}
