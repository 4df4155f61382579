package dev.switchboard.sandbox;

import dev.switchboard.sandbox.auth.Authenticator;
import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.faults.FaultInjector;
import dev.switchboard.sandbox.faults.Faults;
import dev.switchboard.sandbox.groups.Group;
import dev.switchboard.sandbox.groups.GroupDirectory;
import dev.switchboard.sandbox.groups.GroupSeeder;
import dev.switchboard.sandbox.groups.GroupUserLinks;
import dev.switchboard.sandbox.groups.GroupsApi;
import dev.switchboard.sandbox.logs.LogsApi;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.oauth.ServiceApps;
import dev.switchboard.sandbox.oauth.TokenEndpoint;
import dev.switchboard.sandbox.ratelimit.ConcurrencyLimit;
import dev.switchboard.sandbox.ratelimit.RateLimitRule;
import dev.switchboard.sandbox.ratelimit.RateLimiter;
import dev.switchboard.sandbox.schema.SchemaApi;
import dev.switchboard.sandbox.schema.UserSchema;
import dev.switchboard.sandbox.schema.UserSchemaStore;
import dev.switchboard.sandbox.server.ExchangeObserver;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.store.FileChannels;
import dev.switchboard.sandbox.store.Journal;
import dev.switchboard.sandbox.tokens.ApiToken;
import dev.switchboard.sandbox.tokens.ApiTokenStore;
import dev.switchboard.sandbox.tokens.TokensApi;
import dev.switchboard.sandbox.users.Transitions;
import dev.switchboard.sandbox.users.User;
import dev.switchboard.sandbox.users.UserCredentialsApi;
import dev.switchboard.sandbox.users.UserDirectory;
import dev.switchboard.sandbox.users.UserLinks;
import dev.switchboard.sandbox.users.UserRenderer;
import dev.switchboard.sandbox.users.UserSeeder;
import dev.switchboard.sandbox.users.UserStatus;
import dev.switchboard.sandbox.users.UsersApi;
import dev.switchboard.sandbox.wire.OktaIds;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An Okta-compatible org served over HTTP on the loopback interface, with deterministic seeded users.
 *
 * <pre>{@code
 * try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(1000).seed(42L).build()) {
 *     sandbox.start();
 *     URI orgUrl = sandbox.orgUrl();                                   // http://127.0.0.1:43121
 *     String token = sandbox.createApiToken("Agent Studio Connector"); // send as "Authorization: SSWS " + token
 *     String id = sandbox.createUser(Map.of("login", "a+b@example.com", "email", "a+b@example.com"), "ACTIVE");
 * }
 * }</pre>
 *
 * <p>Served: users (listing with {@code q}, {@code filter}, {@code search}; get with an ETag and the links of the
 * user's status; create, partial update and replace, conditional on {@code If-Match}, following the user schema;
 * delete; lifecycle operations, asynchronous when a transition time is set; credential changes; a user's groups),
 * the user schema and type, groups (the Everyone group included) and members, the System Log with Okta's whole
 * {@code LogEvent}, API tokens, OAuth 2.0 {@code client_credentials} with {@code private_key_jwt} for service apps;
 * SSWS and Bearer authentication with scopes; Okta error bodies; gzip for clients that accept it; per-bucket rate
 * limits and a concurrency limit with Okta's headers; optional fault injection and a data directory that keeps the
 * org across restarts and loses nothing it acknowledged. docs/sandbox.md describes each behaviour and
 * its source; OKTA-WIRE.md and Okta's OpenAPI description are the references.
 *
 * <p>Thread-safe: the Java methods may be called while the server serves requests. Building seeds the users;
 * {@link #start()} binds the port; {@link #close()} stops the server (the state stays readable).
 */
public final class OktaSandbox implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * The observer of sandboxes built without one; set by this module's tests to check every response against
     * Okta's OpenAPI description. Package-private on purpose: not an API.
     */
    static volatile ExchangeObserver defaultObserver;

    private final Clock clock;
    private final UserDirectory directory;
    private final SystemLog log;
    private final GroupDirectory groups;
    private final ServiceApps serviceApps;
    private final ApiTokenStore tokens;
    private final Admin builtInAdmin;
    private final String adminId;
    private final SavedOrg.Settings settings;
    private final UserSchemaStore schemas;
    private final Optional<DataDirectory> dataDirectory;
    private final ControlChannel control;
    private final SandboxServer server;
    private volatile URI orgUrl;
    private volatile boolean closed;

    private OktaSandbox(Builder builder) {
        this.clock = builder.clock;
        this.dataDirectory = builder.dataDir.map(dir -> DataDirectory.open(dir, builder.fileChannels));
        Optional<Map<String, Map<String, Map<String, Object>>>> saved = dataDirectory.flatMap(DataDirectory::load);
        Optional<SavedOrg.Settings> savedSettings = saved.flatMap(SavedOrg.Settings::from);
        long seed = savedSettings.map(SavedOrg.Settings::seed).orElse(builder.seed);
        this.directory = new UserDirectory(seed);
        this.groups = new GroupDirectory(seed);
        this.log = new SystemLog(clock);
        this.tokens = new ApiTokenStore(clock, builder.tokenWindow);
        this.serviceApps = new ServiceApps(clock);
        this.builtInAdmin = new Admin(OktaIds.next(OktaIds.USER, new Random(seed ^ 0xAD317L)),
                "admin@example.com", "Sandbox Admin");
        Instant orgCreated = UserSeeder.ANCHOR.minus(ORG_AGE);
        this.schemas = new UserSchemaStore(UserSchema.oktaDefault("osc" + directory.defaultTypeId().substring(3),
                orgCreated).changed(Map.of("definitions", Map.of("custom", Map.of("properties",
                UserSeeder.CUSTOM_ATTRIBUTES))), orgCreated));
        SavedOrg.Stores stores = new SavedOrg.Stores(schemas, directory, groups, tokens, serviceApps, log);
        groups.everyUser(directory.ids());
        if (saved.isPresent()) {
            SavedOrg.restore(saved.get(), stores);
            this.adminId = savedSettings.map(SavedOrg.Settings::adminId).orElse(builtInAdmin.id());
            groups.everyone(OktaIds.next(OktaIds.GROUP, new Random(seed ^ EVERYONE_SALT)), orgCreated);
        } else {
            Optional<User> seededAdmin = UserSeeder.seed(directory, builder.users, seed, builder.mixedStatuses);
            this.adminId = seededAdmin.map(User::id).orElse(builtInAdmin.id());
            List<User> seeded = directory.all(user -> true);
            GroupSeeder.seed(groups, seeded, seed, UserSeeder.ANCHOR);
            Group everyone = groups.everyone(OktaIds.next(OktaIds.GROUP, new Random(seed ^ EVERYONE_SALT)), orgCreated);
            seeded.stream().map(User::created).max(Instant::compareTo)
                    .ifPresent(latest -> groups.membershipUpdated(everyone.id(), latest));
            log.seedHistory(history(seeded), seed);
        }
        this.settings = new SavedOrg.Settings(seed, adminId);
        dataDirectory.ifPresent(data -> {
            data.writeSnapshot(SavedOrg.records(settings, stores));
            Journal journal = data.journal();
            schemas.journal(journal);
            directory.journal(journal);
            groups.journal(journal);
            tokens.journal(journal);
            serviceApps.journal(journal);
            log.journal(journal);
        });
        List<RateLimitRule> rules = builder.rateLimit == 0 ? RateLimitRule.defaults() : RateLimitRule.defaults(builder.rateLimit);
        RateLimiter rateLimiter = new RateLimiter(RateLimitRule.withLimits(rules, builder.bucketLimits),
                builder.rateLimitWindow, clock);
        Supplier<String> url = () -> orgUrl().toString();
        UserRenderer renderer = new UserRenderer(url);
        Transitions transitions = new Transitions(builder.transitionTime, clock);
        UserLinks userLinks = new GroupUserLinks(groups, log, clock, user -> tokens.revokeAllOf(user.id()));
        Authenticator authenticator = new Authenticator(this::adminFor, serviceApps::principal);
        this.control = new ControlChannel((name, userId) -> tokens.create(name, userId == null ? adminId : userId));
        this.server = new SandboxServer(LOOPBACK, builder.port, rateLimiter,
                new ConcurrencyLimit(builder.concurrencyLimit), new FaultInjector(builder.faults, seed), authenticator,
                List.of(new UsersApi(directory, log, userLinks, clock, url, renderer, schemas, transitions),
                        new UserCredentialsApi(directory, log, clock, url),
                        new SchemaApi(schemas, directory.defaultTypeId(), clock, url),
                        new GroupsApi(groups, directory, log, clock, url, renderer),
                        new LogsApi(log, clock, url),
                        new TokensApi(tokens, log, url),
                        new TokenEndpoint(serviceApps, log, url),
                        control),
                builder.observer.or(() -> Optional.ofNullable(defaultObserver)),
                builder.compression || builder.faults.gzip());
    }

    /** Who an API token acts for: its creator, while active (Okta revokes a deactivated admin's tokens). */
    private Optional<Principal> adminFor(String secret) {
        return tokens.use(secret).flatMap(token -> {
            if (token.userId().equals(builtInAdmin.id())) {
                return Optional.of(builtInAdmin.principal(token));
            }
            return directory.byId(token.userId())
                    .filter(user -> user.status() != UserStatus.DEPROVISIONED)
                    .map(user -> new Admin(user.id(), user.login(), user.displayName()).principal(token));
        });
    }

    /** The admin an API token acts for. */
    private record Admin(String id, String login, String name) {
        Principal principal(ApiToken token) {
            return new Principal(Principal.Kind.ADMIN, id, login, name, Optional.of(token.id()), Set.of());
        }
    }

    /**
     * A builder with the defaults: a free port, 100 users, seed 42, mixed statuses, Okta's typical rate limits
     * per 60-second window, 75 requests in flight, no faults, a 30-day token window, the system UTC clock.
     *
     * @return a new builder
     */
    /** How long before {@link UserSeeder#ANCHOR} an org, its schema and its groups were created. */
    private static final Duration ORG_AGE = Duration.ofDays(1100);
    /** Mixed into the seed for the Everyone group's id, so that the other groups' ids stay as they were. */
    private static final long EVERYONE_SALT = 0xE7E7E7L;

    /** The most past events a seeded org's System Log starts with (the newest ones are kept). */
    static final int SEEDED_HISTORY = 20_000;

    /**
     * The past a seeded org's System Log starts with, so that log queries find something: each user's creation
     * (by the admin) and last sign-in, the newest {@value #SEEDED_HISTORY} of them.
     */
    private List<SystemLog.Past> history(List<User> users) {
        LogActor admin = new LogActor(builtInAdmin.id(), "User", "admin@example.com", "Sandbox Admin");
        List<SystemLog.Past> past = new java.util.ArrayList<>();
        for (User user : users) {
            LogActor actor = new LogActor(user.id(), "User", user.login(), user.displayName());
            past.add(new SystemLog.Past(EventType.USER_CREATE, admin, List.of(actor), user.created()));
            user.lastLogin().ifPresent(at -> past.add(new SystemLog.Past(EventType.USER_SESSION_START, actor, List.of(), at)));
        }
        past.sort(java.util.Comparator.comparing(SystemLog.Past::at).reversed());
        return past.subList(0, Math.min(SEEDED_HISTORY, past.size()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port on 127.0.0.1 and starts serving.
     *
     * @throws IllegalStateException when already started or closed
     * @throws io.javalin.util.JavalinBindException when the port cannot be bound (e.g. already in use)
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this sandbox is closed; build a new one");
        }
        if (orgUrl != null) {
            throw new IllegalStateException("this sandbox is already started at " + orgUrl);
        }
        server.start();
        orgUrl = URI.create("http://" + LOOPBACK + ":" + server.port());
        dataDirectory.ifPresent(data -> control.publish(data.path(), orgUrl));
    }

    /**
     * The org's base URL, the value a connector's {@code org_url} takes.
     *
     * @return e.g. {@code http://127.0.0.1:43121}, without trailing slash
     * @throws IllegalStateException before {@link #start()}
     */
    public URI orgUrl() {
        URI url = orgUrl;
        if (url == null) {
            throw new IllegalStateException("the sandbox has no URL until start() is called");
        }
        return url;
    }

    /**
     * Creates an API token, as an admin does in Okta's Admin Console (Security &gt; API &gt; Tokens). The value is
     * returned once; the sandbox keeps only its SHA-256 hash. Send it as {@code Authorization: SSWS {token}}.
     *
     * @param name the token's name, e.g. {@code Agent Studio Connector}
     * @return the token's secret value: 42 characters, {@code 00} then 40 alphanumerics
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public String createApiToken(String name) {
        return tokens.create(name, adminId).secret();
    }

    /**
     * Creates an API token that acts for another admin: a user of the org, e.g. one created for the purpose. When
     * that user is deactivated, the token stops working, as in Okta.
     *
     * @param name the token's name
     * @param userId the id of an ACTIVE user of the org
     * @return the token's secret value, shown once
     * @throws IllegalArgumentException when the name is blank or the user is not an ACTIVE user of the org
     */
    public String createApiToken(String name, String userId) {
        User user = directory.byId(Objects.requireNonNull(userId, "userId"))
                .orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        if (user.status() != UserStatus.ACTIVE) {
            throw new IllegalArgumentException("only an ACTIVE user can create API tokens; " + userId + " is " + user.status());
        }
        return tokens.create(name, userId).secret();
    }

    /**
     * Registers an OAuth 2.0 service app that authenticates with {@code private_key_jwt} at
     * {@code {orgUrl}/oauth2/v1/token} and may request the given scopes, as an admin does in the Admin Console.
     *
     * @param name the app's label
     * @param publicJwk the app's public key as a JWK, or several as a JWK Set ({@code {"keys":[...]}}); RSA or EC
     * @param scopes the scopes the app is granted, e.g. {@code okta.users.read}; see
     *     {@link dev.switchboard.sandbox.auth.Scopes}
     * @return the app's client id, {@code 0oa} followed by 17 alphanumerics
     * @throws IllegalArgumentException when the name is blank, the key is not a public RSA or EC JWK, or a scope is
     *     unknown
     */
    public String registerServiceApp(String name, String publicJwk, Set<String> scopes) {
        return serviceApps.register(name, publicJwk, scopes).clientId();
    }

    /**
     * Revokes an API token; requests with it then get 401 E0000011.
     *
     * @param token the token's secret value, as {@link #createApiToken(String)} returned it
     * @return whether a token was revoked
     */
    public boolean revokeApiToken(String token) {
        return tokens.revoke(token);
    }

    /**
     * Adds a user directly, bypassing the API (and its rate limits), e.g. one whose login is
     * {@code a+b@example.com}. Timestamps are the clock's now; activated statuses get {@code activated} and a
     * password.
     *
     * @param profile profile attributes in the order they should appear; {@code login} and {@code email} are
     *     required non-blank strings; values may be strings, numbers, booleans, lists of those, or null
     * @param status one of STAGED, PROVISIONED, ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED,
     *     DEPROVISIONED (any case)
     * @return the new user's id, {@code 00u} followed by 17 alphanumerics
     * @throws IllegalArgumentException when the status is unknown, {@code login} or {@code email} is missing,
     *     or the login is taken (ignoring case)
     */
    public String createUser(Map<String, Object> profile, String status) {
        UserStatus userStatus = UserStatus.byName(Objects.requireNonNull(status, "status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown user status '" + status + "'; one of "
                        + Arrays.toString(UserStatus.values())));
        return directory.create(profile, userStatus, clock.instant()).id();
    }

    /**
     * How many users the org has, in every status.
     *
     * @return the count, DEPROVISIONED users included
     */
    public int userCount() {
        return directory.size();
    }

    /**
     * How many users the org has in one status, e.g. to know what a plain listing (which omits DEPROVISIONED
     * users) should return.
     *
     * @param status a status name, any case
     * @return the count
     * @throws IllegalArgumentException when the status is unknown
     */
    public int userCount(String status) {
        UserStatus wanted = UserStatus.byName(status)
                .orElseThrow(() -> new IllegalArgumentException("unknown user status '" + status + "'"));
        return directory.all(user -> user.status() == wanted).size();
    }

    /**
     * How many groups the org has.
     *
     * @return the count
     */
    public int groupCount() {
        return groups.size();
    }

    /**
     * Adds a group directly, bypassing the API, e.g. one named {@code Engineering} for case C05.
     *
     * @param name the group's name; unique ignoring case
     * @param description its description, or empty
     * @return the new group's id, {@code 00g} followed by 17 alphanumerics
     * @throws IllegalArgumentException when the name is blank or taken
     */
    public String createGroup(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a group needs a name");
        }
        java.util.Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("name", name);
        profile.put("description", description);
        return groups.create(profile, clock.instant()).id();
    }

    /**
     * Adds a user to a group directly, bypassing the API.
     *
     * @param groupId a group's id
     * @param userId a user's id
     * @return true when added, false when the user was already a member
     * @throws IllegalArgumentException when the group or the user does not exist
     */
    public boolean addToGroup(String groupId, String userId) {
        if (directory.byId(userId).isEmpty()) {
            throw new IllegalArgumentException("no user " + userId);
        }
        return groups.addMember(groupId, userId, clock.instant());
    }

    /**
     * How many events the System Log holds.
     *
     * @return the count
     */
    public int logEventCount() {
        return log.size();
    }

    /** Stops the server and releases the port; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (orgUrl != null) {
                server.close();
            }
            dataDirectory.ifPresent(data -> {
                ControlChannel.withdraw(data.path());
                data.writeSnapshot(SavedOrg.records(settings, new SavedOrg.Stores(schemas, directory, groups, tokens,
                        serviceApps, log)));
                data.close();
            });
        }
    }

    /**
     * Creates an API token in the org a data directory keeps, as {@code switchboard sandbox token create} does:
     * through the sandbox serving that directory when one is running, otherwise by opening the directory. The
     * token acts for the org's admin.
     *
     * @param dataDir a data directory that holds an org
     * @param name the token's name
     * @return the token, whose secret is shown once
     * @throws IllegalArgumentException when the name is blank or the directory holds no org
     * @throws IllegalStateException when a sandbox holds the directory but cannot be reached
     */
    public static CreatedToken createApiToken(Path dataDir, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name, e.g. \"Agent Studio Connector\"");
        }
        if (!DataDirectory.holdsOrg(dataDir)) {
            throw new IllegalArgumentException("no org in " + dataDir.toAbsolutePath()
                    + "; start one first with: switchboard sandbox serve --data-dir " + dataDir);
        }
        OktaSandbox sandbox;
        try {
            sandbox = builder().dataDir(dataDir).users(0).build();
        } catch (DataDirectory.InUseException e) {
            return ControlChannel.createThrough(dataDir.toAbsolutePath(), name);
        }
        try (sandbox) {
            ApiTokenStore.IssuedToken issued = sandbox.tokens.create(name, sandbox.adminId);
            return new CreatedToken(issued.token().id(), issued.token().name(), issued.secret(), Optional.empty());
        }
    }

    /**
     * An API token just created by {@link #createApiToken(Path, String)}.
     *
     * @param id the token's id, {@code 00T...}
     * @param name its name
     * @param secret its value, to show once and never store in plaintext
     * @param orgUrl the URL of the running sandbox that created it, or empty when the directory was opened directly
     */
    public record CreatedToken(String id, String name, String secret, Optional<URI> orgUrl) {
        @Override
        public String toString() {
            return "CreatedToken[id=" + id + ", name=" + name + ", secret=(hidden)]";
        }
    }

    /**
     * Configures an {@link OktaSandbox}. Every option has a default; see {@link OktaSandbox#builder()}.
     */
    public static final class Builder {
        private int port;
        private int users = 100;
        private long seed = 42L;
        private boolean mixedStatuses = true;
        private int rateLimit;
        private final java.util.Map<String, Integer> bucketLimits = new java.util.LinkedHashMap<>();
        private int concurrencyLimit = ConcurrencyLimit.DEFAULT;
        private Faults faults = Faults.NONE;
        private Duration rateLimitWindow = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Duration tokenWindow = ApiTokenStore.DEFAULT_WINDOW;
        private Optional<Path> dataDir = Optional.empty();
        private Optional<ExchangeObserver> observer = Optional.empty();
        private FileChannels fileChannels = FileChannels.SYSTEM;
        private boolean compression = true;
        private Duration transitionTime = Duration.ZERO;

        private Builder() {
        }

        /**
         * Whether JSON answers are gzip-compressed for clients whose {@code Accept-Encoding} accepts it, as Okta's
         * are (see {@link dev.switchboard.sandbox.server.JsonResponses}). On by default; benchmarks that compare
         * clients asking and not asking for gzip turn it off so that all get the same bytes.
         *
         * @param compress false to answer plain bytes to every client
         * @return this builder
         */
        public Builder compression(boolean compress) {
            this.compression = compress;
            return this;
        }

        /**
         * How long an activation or deactivation takes, as Okta's are asynchronous: meanwhile the user shows
         * {@code transitioningToStatus}, an update of a user being activated is 409 E0000112, and lifecycle
         * operations on the user are 403 E0000038. The transition completes on the first request after the time
         * has passed on the builder's clock.
         *
         * @param time zero (the default) for transitions that complete at once
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder transitionTime(Duration time) {
            if (time.isNegative()) {
                throw new IllegalArgumentException("a transition time cannot be negative: " + time);
            }
            this.transitionTime = time;
            return this;
        }

        /**
         * How the data directory's files are opened; tests give channels that fail as a full disk does. Not an API.
         *
         * @param channels opens the data directory's files
         * @return this builder
         */
        Builder fileChannels(FileChannels channels) {
            this.fileChannels = Objects.requireNonNull(channels, "channels");
            return this;
        }

        /**
         * A directory that keeps the org across restarts: users, groups, memberships, API tokens (hashed), service
         * apps and System Log events. A directory that holds a saved org is loaded and nothing is seeded (its own
         * seed is reused); an empty or missing one is seeded from the other options and saved. Every change is
         * journaled and forced to disk before its response (a change that cannot be written, e.g. on a full disk, is
         * refused with 503 E0000010 and not made), and {@link OktaSandbox#close()} writes a compact snapshot (to a
         * temporary file, then renamed). The files are readable by their owner only. One sandbox at a time may use
         * a directory; see {@link DataDirectory}.
         *
         * @param directory the directory, created if missing
         * @return this builder
         */
        public Builder dataDir(Path directory) {
            this.dataDir = Optional.of(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Sees every answered request (method, path, status, content type and JSON body), e.g. to record traffic or
         * to check responses against Okta's OpenAPI description. Called on server threads after each answer.
         *
         * @param observer a thread-safe, quick observer
         * @return this builder
         */
        public Builder observer(ExchangeObserver observer) {
            this.observer = Optional.of(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * How long an API token may go unused before it expires; each use renews it (Okta: 30 days).
         *
         * @param window whole seconds, at least 1 s; default 30 days
         * @return this builder
         * @throws IllegalArgumentException when shorter than 1 s or not whole seconds
         */
        public Builder tokenWindow(Duration window) {
            if (window.toMillis() < 1000 || window.getNano() != 0) {
                throw new IllegalArgumentException("a token window is whole seconds, at least 1 s: " + window);
            }
            this.tokenWindow = window;
            return this;
        }

        /**
         * The port to listen on, on 127.0.0.1 only.
         *
         * @param port 0 for a free port (the default), or 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("a port is 0 (any free port) to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How many users to seed.
         *
         * @param users 0 or more; 50,000 is a supported size
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder users(int users) {
            if (users < 0) {
                throw new IllegalArgumentException("the number of users cannot be negative: " + users);
            }
            this.users = users;
            return this;
        }

        /**
         * The seed of the seeded users: the same (users, seed, mixedStatuses) gives the same users, ids and
         * timestamps every time.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether seeded users have Okta's usual mix of statuses (the default: about 80% ACTIVE, the rest
         * STAGED, PROVISIONED, SUSPENDED, LOCKED_OUT, PASSWORD_EXPIRED, RECOVERY and DEPROVISIONED) or are all
         * ACTIVE, so that a plain listing returns every one of them.
         *
         * @param mixedStatuses false for all ACTIVE
         * @return this builder
         */
        public Builder mixedStatuses(boolean mixedStatuses) {
            this.mixedStatuses = mixedStatuses;
            return this;
        }

        /**
         * Requests allowed per window in every rate-limit bucket; over it, 429 E0000047. Without it, each bucket has
         * Okta's typical limit (see {@link RateLimitRule#defaults()}): 600 for {@code /api/v1/users}, 2000 to get
         * one user, 500 for groups, 120 for the System Log, 1200 for other API paths.
         *
         * @param requestsPerWindow at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder rateLimit(int requestsPerWindow) {
            if (requestsPerWindow < 1) {
                throw new IllegalArgumentException("a rate limit allows at least 1 request: " + requestsPerWindow);
            }
            this.rateLimit = requestsPerWindow;
            return this;
        }

        /**
         * Requests allowed per window in one bucket, over {@link #rateLimit(int)} and the defaults.
         *
         * @param bucket a bucket's name: {@code /api/v1/users}, {@code GET /api/v1/users/{idOrLogin}},
         *     {@code /api/v1/users/{id}}, {@code /api/v1/groups}, {@code /api/v1/logs}, {@code /oauth2/v1/token},
         *     {@code /api/v1} (every other API path) or {@code /} (everything else)
         * @param requestsPerWindow at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1 or the bucket is unknown
         */
        public Builder rateLimit(String bucket, int requestsPerWindow) {
            if (requestsPerWindow < 1) {
                throw new IllegalArgumentException("a rate limit allows at least 1 request: " + requestsPerWindow);
            }
            RateLimitRule.withLimits(RateLimitRule.defaults(), java.util.Map.of(bucket, requestsPerWindow));
            bucketLimits.put(bucket, requestsPerWindow);
            return this;
        }

        /**
         * How many requests may be in flight at once; one more is answered 429 E0000047 with
         * {@code X-Rate-Limit-Limit} and {@code X-Rate-Limit-Remaining} both 0, as Okta's concurrency limit does.
         *
         * @param requests at least 1; default 75, Okta's usual value
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder concurrencyLimit(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("a concurrency limit allows at least 1 request: " + requests);
            }
            this.concurrencyLimit = requests;
            return this;
        }

        /**
         * Faults to inject into {@code /api/v1} and {@code /oauth2} requests: latency, server errors (JSON or HTML),
         * duplicated rate-limit headers, gzip, dropped connections. Which requests fail follows the seed.
         *
         * @param faults the faults; default {@link Faults#NONE}
         * @return this builder
         */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * The length of a rate-limit window.
         *
         * @param window at least 1 ms; default 60 s, as Okta's per-minute limits
         * @return this builder
         * @throws IllegalArgumentException when shorter than 1 ms
         */
        public Builder rateLimitWindow(Duration window) {
            if (window.toMillis() < 1) {
                throw new IllegalArgumentException("a rate-limit window lasts at least 1 ms: " + window);
            }
            this.rateLimitWindow = window;
            return this;
        }

        /**
         * The clock for rate-limit windows and for the timestamps of users and tokens created after seeding.
         * Seeded users' timestamps do not depend on it.
         *
         * @param clock a clock; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the sandbox and seeds its users; the server is not started.
         *
         * @return the sandbox
         */
        public OktaSandbox build() {
            return new OktaSandbox(this);
        }
    }
}
