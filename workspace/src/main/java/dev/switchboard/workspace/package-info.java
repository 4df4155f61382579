/**
 * The workspace: the server's state in an embedded SQLite file or PostgreSQL, reached through one repository per
 * aggregate ({@link dev.switchboard.workspace.Workspace} opens them and applies the Flyway migrations).
 */
package dev.switchboard.workspace;
