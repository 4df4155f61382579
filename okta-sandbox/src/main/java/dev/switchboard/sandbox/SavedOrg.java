package dev.switchboard.sandbox;

import dev.switchboard.sandbox.groups.GroupDirectory;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.oauth.ServiceApps;
import dev.switchboard.sandbox.schema.UserSchemaStore;
import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.tokens.ApiTokenStore;
import dev.switchboard.sandbox.users.UserCodec;
import dev.switchboard.sandbox.users.UserDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An org in a data directory: what is saved of each feature, and how a saved org is put back. The saved kinds are
 * {@value #ORG_KIND} (the org's own settings), the user schema, users, groups, memberships, API tokens (hashed),
 * service apps (public keys), OAuth access tokens (hashed) and System Log events.
 */
final class SavedOrg {
    static final String ORG_KIND = "org";
    static final String ORG_ID = "settings";

    private SavedOrg() {
    }

    /**
     * The org's settings as saved: the seed its ids were drawn from and the admin whom API tokens act for.
     */
    record Settings(long seed, String adminId) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("seed", seed);
            map.put("adminId", adminId);
            return map;
        }

        static Optional<Settings> from(Map<String, Map<String, Map<String, Object>>> records) {
            Map<String, Object> saved = records.getOrDefault(ORG_KIND, Map.of()).get(ORG_ID);
            if (saved == null) {
                return Optional.empty();
            }
            return Optional.of(new Settings(((Number) saved.get("seed")).longValue(), (String) saved.get("adminId")));
        }
    }

    /**
     * The stores of one org's features.
     */
    record Stores(UserSchemaStore schemas, UserDirectory users, GroupDirectory groups, ApiTokenStore tokens,
            ServiceApps apps, SystemLog log) {
    }

    /** Puts a saved org's records back into empty stores. */
    static void restore(Map<String, Map<String, Map<String, Object>>> records, Stores stores) {
        UserDirectory users = stores.users();
        GroupDirectory groups = stores.groups();
        ApiTokenStore tokens = stores.tokens();
        ServiceApps apps = stores.apps();
        SystemLog log = stores.log();
        Map<String, Object> schema = records.getOrDefault(UserSchemaStore.KIND, Map.of()).get(UserSchemaStore.ID);
        if (schema != null) {
            stores.schemas().restore(schema);
        }
        records.getOrDefault(UserDirectory.KIND, Map.of()).values().forEach(map -> users.add(UserCodec.fromMap(map)));
        records.getOrDefault(GroupDirectory.KIND, Map.of()).values().forEach(map -> groups.add(GroupDirectory.fromMap(map)));
        records.getOrDefault(GroupDirectory.MEMBERSHIP_KIND, Map.of()).values().forEach(map ->
                groups.restoreMember((String) map.get("groupId"), (String) map.get("userId")));
        records.getOrDefault(ApiTokenStore.KIND, Map.of()).values().forEach(tokens::restore);
        records.getOrDefault(ServiceApps.KIND, Map.of()).values().forEach(apps::restore);
        records.getOrDefault(ServiceApps.ACCESS_TOKEN_KIND, Map.of()).forEach(apps::restoreAccessToken);
        records.getOrDefault(SystemLog.KIND, Map.of()).values().forEach(log::restore);
    }

    /** Every record of the org, by kind, for a snapshot. */
    static Map<String, List<DataDirectory.Record>> records(Settings settings, Stores stores) {
        UserDirectory users = stores.users();
        GroupDirectory groups = stores.groups();
        ApiTokenStore tokens = stores.tokens();
        ServiceApps apps = stores.apps();
        SystemLog log = stores.log();
        Map<String, List<DataDirectory.Record>> records = new LinkedHashMap<>();
        records.put(ORG_KIND, List.of(new DataDirectory.Record(ORG_ID, settings.toMap())));
        records.put(UserSchemaStore.KIND, List.of(new DataDirectory.Record(UserSchemaStore.ID,
                stores.schemas().current().toMap())));
        List<DataDirectory.Record> userRecords = new ArrayList<>(users.size());
        users.all(user -> true).forEach(user -> userRecords.add(new DataDirectory.Record(user.id(), UserCodec.toMap(user))));
        records.put(UserDirectory.KIND, userRecords);
        List<DataDirectory.Record> groupRecords = new ArrayList<>();
        groups.all().forEach(group -> groupRecords.add(new DataDirectory.Record(group.id(), GroupDirectory.toMap(group))));
        records.put(GroupDirectory.KIND, groupRecords);
        List<DataDirectory.Record> memberships = new ArrayList<>();
        groups.memberships().forEach(pair -> memberships.add(new DataDirectory.Record(pair[0] + "/" + pair[1],
                Map.of("groupId", pair[0], "userId", pair[1]))));
        records.put(GroupDirectory.MEMBERSHIP_KIND, memberships);
        List<DataDirectory.Record> tokenRecords = new ArrayList<>();
        tokens.list().forEach(token -> tokenRecords.add(new DataDirectory.Record(token.id(), ApiTokenStore.toMap(token))));
        records.put(ApiTokenStore.KIND, tokenRecords);
        List<DataDirectory.Record> appRecords = new ArrayList<>();
        apps.all().forEach(app -> appRecords.add(new DataDirectory.Record(app.clientId(), ServiceApps.toMap(app))));
        records.put(ServiceApps.KIND, appRecords);
        List<DataDirectory.Record> accessTokens = new ArrayList<>();
        apps.accessTokens().forEach((hash, token) -> accessTokens.add(new DataDirectory.Record(hash, token)));
        records.put(ServiceApps.ACCESS_TOKEN_KIND, accessTokens);
        List<DataDirectory.Record> events = new ArrayList<>(log.size());
        log.all().forEach(event -> events.add(new DataDirectory.Record(String.valueOf(event.json().get("uuid")), event.json())));
        records.put(SystemLog.KIND, events);
        return records;
    }
}
