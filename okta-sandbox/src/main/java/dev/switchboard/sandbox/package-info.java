/**
 * An Okta-compatible server for development, tests, demos and benchmarks. {@link
 * dev.switchboard.sandbox.OktaSandbox} is the entry point; the sub-packages hold one feature each.
 *
 * <p>The sandbox shares no code with Switchboard's engine on purpose: each is tested against the other, so a
 * misreading of Okta cannot hide in shared code. The facts it reproduces are collected in OKTA-WIRE.md.
 */
package dev.switchboard.sandbox;
