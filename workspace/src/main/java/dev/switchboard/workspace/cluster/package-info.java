/**
 * Several server instances on one database (issue 15): each instance's lease and heartbeat, the marking of a dead
 * instance's runs as interrupted, change notifications (PostgreSQL LISTEN/NOTIFY), rate-limit buckets shared through
 * PostgreSQL, MCP sessions any instance can continue, and the counters of database round trips they cost.
 */
package dev.switchboard.workspace.cluster;
