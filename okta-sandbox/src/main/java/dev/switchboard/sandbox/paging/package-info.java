/**
 * Okta's cursor pagination: {@code limit}, an opaque {@code after} cursor, and one {@code Link} header per
 * relation ({@code rel="self"}, {@code rel="next"}).
 *
 * <p>Source: https://developer.okta.com/docs/api/#pagination and OKTA-WIRE.md "Pagination".
 */
package dev.switchboard.sandbox.paging;
