package dev.switchboard.sandbox.paging;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The order of a {@code search} listing: Okta's {@code sortBy} (one property; ties broken by id) and
 * {@code sortOrder} ({@code asc}, the default, or {@code desc}). Strings compare ignoring case, numbers
 * numerically; a missing value sorts last in ascending order. A sorted listing pages by offset: its cursor is
 * opaque like any other.
 *
 * <p>Source: the {@code sortBy} and {@code sortOrder} parameters of {@code listUsers} and {@code listGroups} in
 * the Management API description.
 *
 * @param property the {@code sortBy} property, e.g. {@code profile.lastName}
 * @param descending whether {@code sortOrder} is {@code desc}
 */
public record SortOrder(String property, boolean descending) {

    /**
     * Reads {@code sortBy} and {@code sortOrder}.
     *
     * @param sortBy the {@code sortBy} parameter
     * @param sortOrder the {@code sortOrder} parameter
     * @param sortable which properties may be sorted by
     * @param carried the parameters a {@code next} link repeats; the two are added when given
     * @return the order, or empty without {@code sortBy} (the listing stays in id order)
     * @throws OktaException 400 E0000031 for a property that cannot be sorted by, or a {@code sortOrder} other than
     *     {@code asc} or {@code desc}
     */
    public static Optional<SortOrder> parse(Optional<String> sortBy, Optional<String> sortOrder,
            Predicate<String> sortable, Map<String, String> carried) {
        boolean descending = false;
        if (sortOrder.isPresent() && !sortOrder.get().equalsIgnoreCase("asc")) {
            if (!sortOrder.get().equalsIgnoreCase("desc")) {
                throw OktaException.withCauses(ErrorCode.E0000031, List.of("sortOrder: must be asc or desc"));
            }
            descending = true;
        }
        if (sortBy.isEmpty()) {
            return Optional.empty();
        }
        if (!sortable.test(sortBy.get())) {
            throw OktaException.withCauses(ErrorCode.E0000031, List.of("sortBy: cannot sort by '" + sortBy.get() + "'"));
        }
        carried.put("sortBy", sortBy.get());
        sortOrder.ifPresent(value -> carried.put("sortOrder", value));
        return Optional.of(new SortOrder(sortBy.get(), descending));
    }

    /**
     * One page of items in this order.
     *
     * @param items every matching item, in any order
     * @param key an item's value of the sorted property
     * @param id an item's id, the tie-breaker
     * @param after the cursor of the previous page, or empty for the first
     * @param limit the page size
     * @param <T> the item type
     * @return the page's items and the cursor of the next page, if any
     * @throws OktaException 400 E0000029 for a cursor that is not an offset
     */
    public <T> Paged<T> page(List<T> items, Function<T, Optional<Object>> key, Function<T, String> id,
            Optional<String> after, int limit) {
        int offset = after.map(Cursor::decode).map(Cursor::offsetValue).orElse(0);
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        items.forEach(item -> keyed.add(new Keyed<>(item, key.apply(item), id.apply(item))));
        Comparator<Keyed<T>> byKey = Comparator.comparing(Keyed::key, SortOrder::compareKeys);
        keyed.sort((descending ? byKey.reversed() : byKey).thenComparing(Keyed::id));
        int from = Math.min(offset, keyed.size());
        int to = Math.min(from + limit, keyed.size());
        List<T> page = new ArrayList<>(to - from);
        keyed.subList(from, to).forEach(each -> page.add(each.item()));
        return new Paged<>(page, to < keyed.size() ? Optional.of(Cursor.offset(to)) : Optional.empty());
    }

    private static int compareKeys(Optional<Object> left, Optional<Object> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        Object a = left.get();
        Object b = right.get();
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        return a.toString().toLowerCase(Locale.ROOT).compareTo(b.toString().toLowerCase(Locale.ROOT));
    }

    /**
     * A page of a listing and the cursor of the next page.
     *
     * @param items the page's items, in order
     * @param next the next page's cursor; empty on the last page
     * @param <T> the item type
     */
    public record Paged<T>(List<T> items, Optional<Cursor> next) {
        /**
         * Copies the list.
         *
         * @param items as described on the record
         * @param next as described on the record
         */
        public Paged {
            items = List.copyOf(items);
        }
    }

    /** An item with its sort key, read once per sort rather than once per comparison. */
    private record Keyed<T>(T item, Optional<Object> key, String id) {
    }
}
