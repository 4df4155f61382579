/**
 * Fault injection for tests of clients: added latency, server errors as JSON or HTML pages, duplicated
 * rate-limit headers, gzip responses and dropped connections, each a documented option of the sandbox.
 */
package dev.switchboard.sandbox.faults;
