package dev.switchboard.sandbox.logs;

import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.wire.OktaTimestamps;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The org's System Log: events in the order they happened; thread-safe.
 *
 * <p>{@code published} never goes backwards, even if the clock does, so the log's order is both the order of
 * {@code published} and of recording. Each recorded event is also written to the journal.
 */
public final class SystemLog {
    /** The journal's record kind for events. */
    public static final String KIND = "logEvent";

    private final List<LogEvent> events = new ArrayList<>();
    private final Clock clock;
    private volatile Journal journal = Journal.NONE;
    private Instant last = Instant.EPOCH;

    /**
     * An empty log.
     *
     * @param clock the clock of {@code published}
     */
    public SystemLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets where recorded events are also written.
     *
     * @param journal the journal
     */
    public void journal(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * Records a successful event.
     *
     * @param type the event type
     * @param actor who acted
     * @param targets what was acted on, in order
     * @param request the HTTP request behind the event
     * @return the recorded event
     */
    public synchronized LogEvent record(EventType type, LogActor actor, List<LogActor> targets, LogRequest request) {
        Instant now = clock.instant();
        if (now.isBefore(last)) {
            now = last;
        }
        return append(type, actor, targets, request, now, UUID.randomUUID().toString());
    }

    /**
     * One event of a seeded org's past, such as a sign-in at a user's {@code lastLogin}.
     *
     * @param type the event type
     * @param actor who acted
     * @param targets what was acted on
     * @param at when, in the past
     */
    public record Past(EventType type, LogActor actor, List<LogActor> targets, Instant at) {}

    /**
     * Records a seeded org's history, oldest first, before any live event, with uuids drawn from the seed so the
     * same seed gives the same log.
     *
     * @param history the past events, in any order
     * @param seed the org's seed
     */
    public synchronized void seedHistory(List<Past> history, long seed) {
        java.util.Random random = new java.util.Random(seed ^ 0x5E55L);
        history.stream().sorted(java.util.Comparator.comparing(Past::at)).forEach(past -> append(past.type(), past.actor(),
            past.targets(), LogRequest.INTERNAL, past.at(), new UUID(random.nextLong(), random.nextLong()).toString()));
    }

    private LogEvent append(EventType type, LogActor actor, List<LogActor> targets, LogRequest request, Instant now, String uuid) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", uuid);
        json.put("published", OktaTimestamps.format(now));
        json.put("eventType", type.type());
        json.put("version", "0");
        json.put("severity", "INFO");
        type.legacyType().ifPresent(legacy -> json.put("legacyEventType", legacy));
        json.put("displayMessage", type.displayMessage());
        json.put("actor", actor.json());
        RequestParts parts = request == LogRequest.INTERNAL ? INTERNAL_PARTS : RequestParts.of(request);
        json.put("client", parts.client());
        json.put("authenticationContext", parts.authenticationContext());
        json.put("securityContext", SECURITY_CONTEXT);
        json.put("debugContext", parts.debugContext());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("result", "SUCCESS");
        outcome.put("reason", null);
        json.put("outcome", outcome);
        List<Map<String, Object>> targetJson = new ArrayList<>();
        targets.forEach(target -> targetJson.add(target.json()));
        json.put("target", targetJson);
        json.put("transaction", parts.transaction());
        json.put("request", parts.request());
        LogEvent event = new LogEvent(events.size() + 1L, now, json);
        journal.record(KIND, json.get("uuid").toString(), () -> Optional.of(json));
        events.add(event);
        last = now;
        return event;
    }

    /**
     * The event's {@code client}: the user agent as sent (an API client's is neither a browser nor an OS Okta
     * recognizes: {@code Unknown}, {@code UNKNOWN}), the device {@code Unknown}, the zone {@code "null"} (a string, as
     * Okta sends it), no client id, the IP address, and no location for a loopback address.
     */
    private static Map<String, Object> clientOf(LogRequest request) {
        Map<String, Object> userAgent = new LinkedHashMap<>();
        userAgent.put("rawUserAgent", request.userAgent());
        userAgent.put("os", "Unknown");
        userAgent.put("browser", "UNKNOWN");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("userAgent", userAgent);
        client.put("zone", "null");
        client.put("device", "Unknown");
        client.put("id", null);
        client.put("ipAddress", request.ipAddress());
        client.put("geographicalContext", Map.of());
        return client;
    }

    /**
     * The event's {@code authenticationContext}: an API call carries no authentication provider, credential or
     * issuer (null, as in the description's {@code ListLogs} example), step 0, and a session id.
     */
    private static Map<String, Object> authenticationContextOf(LogRequest request) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("authenticationProvider", null);
        context.put("credentialProvider", null);
        context.put("credentialType", null);
        context.put("issuer", null);
        context.put("interface", null);
        context.put("authenticationStep", 0);
        context.put("externalSessionId", "trs" + request.requestId());
        return context;
    }

    /** The event's {@code securityContext}: nothing is known of a loopback client's network. Shared, never changed. */
    private static final Map<String, Object> SECURITY_CONTEXT = securityContext();

    /** The parts of a seeded org's past events, which all share one (internal) request. */
    private static final RequestParts INTERNAL_PARTS = RequestParts.of(LogRequest.INTERNAL);

    private static Map<String, Object> securityContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("asNumber", null);
        context.put("asOrg", null);
        context.put("isp", null);
        context.put("domain", null);
        context.put("isProxy", null);
        return Collections.unmodifiableMap(context);
    }

    /**
     * The parts of an event that come from its request; built once per request, and once for all seeded events.
     */
    private record RequestParts(Map<String, Object> client, Map<String, Object> authenticationContext,
            Map<String, Object> debugContext, Map<String, Object> transaction, Map<String, Object> request) {
        static RequestParts of(LogRequest request) {
            Map<String, Object> debugData = new LinkedHashMap<>();
            debugData.put("requestId", request.requestId());
            debugData.put("requestUri", request.requestUri());
            debugData.put("url", request.url());
            Map<String, Object> transaction = new LinkedHashMap<>();
            transaction.put("type", "WEB");
            transaction.put("id", request.requestId());
            transaction.put("detail", request.apiTokenId().map(id -> Map.<String, Object>of("requestApiTokenId", id))
                    .orElse(Map.of()));
            Map<String, Object> ip = new LinkedHashMap<>();
            ip.put("ip", request.ipAddress());
            ip.put("geographicalContext", Map.of());
            ip.put("version", request.ipAddress().contains(":") ? "V6" : "V4");
            ip.put("source", null);
            return new RequestParts(clientOf(request), authenticationContextOf(request),
                    Map.of("debugData", Collections.unmodifiableMap(debugData)), Collections.unmodifiableMap(transaction),
                    Map.of("ipChain", List.of(Collections.unmodifiableMap(ip))));
        }
    }

    /**
     * Restores an event read from a data directory, after the events already restored.
     *
     * @param json the event as it was recorded
     * @throws IllegalArgumentException when its {@code published} is not a timestamp
     */
    public synchronized void restore(Map<String, Object> json) {
        Instant published = OktaTimestamps.parse(String.valueOf(json.get("published")))
                .orElseThrow(() -> new IllegalArgumentException("a saved event without a published timestamp"));
        if (published.isAfter(last)) {
            last = published;
        }
        events.add(new LogEvent(events.size() + 1L, published, json));
    }

    /**
     * Every event, oldest first, for saving.
     *
     * @return a snapshot list
     */
    public synchronized List<LogEvent> all() {
        return List.copyOf(events);
    }

    /**
     * How many events the log holds.
     *
     * @return the count
     */
    public synchronized int size() {
        return events.size();
    }

    /**
     * One page of events.
     *
     * @param since the earliest {@code published} included
     * @param until the first {@code published} excluded
     * @param matching which events to include
     * @param descending newest first rather than oldest first
     * @param after the page starts after (ascending) or before (descending) the event at this sequence; 0 or
     *     absent for the beginning
     * @param limit the most events to return, 0 or more
     * @return the events and the sequence of the last event examined (the position of the next page)
     */
    public synchronized Page page(Instant since, Instant until, Predicate<LogEvent> matching, boolean descending,
            Optional<Long> after, int limit) {
        List<LogEvent> found = new ArrayList<>(Math.min(limit, 256));
        int step = descending ? -1 : 1;
        int index;
        if (descending) {
            index = after.map(sequence -> (int) Math.min(sequence - 2, events.size() - 1)).orElse(events.size() - 1);
        } else {
            index = after.map(sequence -> (int) Math.max(sequence, 0)).orElse(firstAtOrAfter(since));
        }
        long position = after.orElse(descending ? events.size() + 1L : (long) index);
        boolean more = false;
        for (; index >= 0 && index < events.size(); index += step) {
            LogEvent event = events.get(index);
            if (event.published().isBefore(since)) {
                if (descending) {
                    break;
                }
                position = event.sequence();
                continue;
            }
            if (!event.published().isBefore(until)) {
                if (descending) {
                    position = event.sequence();
                    continue;
                }
                break;
            }
            if (!matching.test(event)) {
                position = event.sequence();
                continue;
            }
            if (found.size() == limit) {
                more = true;
                break;
            }
            found.add(event);
            position = event.sequence();
        }
        return new Page(found, position, more);
    }

    private int firstAtOrAfter(Instant since) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).published().isBefore(since)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * A page of events.
     *
     * @param events the events, in the requested order
     * @param position the sequence of the last event examined: the next page continues after it
     * @param more whether a matching event within the range follows this page
     */
    public record Page(List<LogEvent> events, long position, boolean more) {
        /**
         * Copies the list.
         *
         * @param events as described on the record
         * @param position as described on the record
         * @param more as described on the record
         */
        public Page {
            events = List.copyOf(events);
        }
    }
}
