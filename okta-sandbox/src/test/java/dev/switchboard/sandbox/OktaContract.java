package dev.switchboard.sandbox;

import dev.switchboard.sandbox.server.ExchangeObserver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Okta's Management API description ({@code shared/okta/management-openapi.yaml}) as a contract: finds the
 * operation of a request (method and path template, most literal segments first) and validates the response
 * body against the schema the operation declares for the status.
 *
 * <p>Rules where the description is silent:
 * <ul>
 *   <li>An error status the operation does not list (401, 405, 500, 503...) and any error on a path the
 *       description lacks are validated against {@code Error}: every Okta error shares that shape.</li>
 *   <li>A response the operation declares without content (e.g. {@code suspendUser}'s 200) must be empty or a JSON
 *       object; 204 must have no body.</li>
 *   <li>Not validated: {@code /oauth2/*} (described by Okta's OAuth description, not this one), the sandbox's own
 *       {@code /sandbox/*}, and non-JSON responses (the deliberate HTML fault).</li>
 * </ul>
 * Two known defects of the description are corrected before use, each where the description contradicts itself:
 * <ul>
 *   <li>{@code TimeDuration}'s pattern {@code ^P(?:$)(\d+Y)?...} accepts only {@code "P"} (a non-capturing group
 *       that must match the end), where {@code (?!$)} (not empty) is meant; Okta's own examples use
 *       {@code P30D}.</li>
 *   <li>System Log events: the description's own {@code ListLogs} example gives {@code null} to properties whose
 *       schemas do not say {@code nullable} ({@code actor.detailEntry}, {@code client.id},
 *       {@code authenticationContext.authenticationProvider}, {@code credentialProvider}, {@code credentialType},
 *       {@code issuer}, {@code interface}, {@code outcome.reason}, {@code request.ipChain[].source},
 *       {@code transaction.detail}, {@code target[].detailEntry}...), as Okta's events carry them. Every property
 *       that example shows as {@code null} is made nullable (found by walking the example, not listed by hand), and
 *       nothing else.</li>
 * </ul>
 */
final class OktaContract {
    private static final String SPEC = "shared/okta/management-openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile OktaContract instance;

    private final JsonNode root;
    private final JsonNode schemas;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Optional<JsonSchema>> schemaCache = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();

    private OktaContract(JsonNode root) {
        this.root = root;
        ObjectNode patched = ((ObjectNode) root.path("components").path("schemas")).deepCopy();
        ((ObjectNode) patched.path("TimeDuration")).put("pattern",
                "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$");
        JsonNode logsExample = root.path("components").path("examples").path("ListLogs").path("value").path(0);
        nullableWhereExampleIsNull(patched, patched.path("LogEvent"), logsExample);
        this.schemas = patched;
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            path.getValue().properties().forEach(method -> {
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            method.getValue()));
                }
            });
        }
        operations.sort(Comparator.comparingInt(Operation::rank));
    }

    /**
     * Makes nullable every property of a schema (and of the schemas it refers to) that an example of it shows as
     * {@code null}: a property given by reference makes the referred schema nullable, and an enumeration takes
     * {@code null} among its values.
     */
    private static void nullableWhereExampleIsNull(ObjectNode components, JsonNode schema, JsonNode example) {
        JsonNode resolved = resolve(components, schema);
        if (example.isArray() && resolved.has("items")) {
            example.forEach(element -> nullableWhereExampleIsNull(components, resolved.get("items"), element));
            return;
        }
        if (!example.isObject() || !resolved.path("properties").isObject()) {
            return;
        }
        example.properties().forEach(field -> {
            JsonNode property = resolved.path("properties").path(field.getKey());
            if (property.isMissingNode()) {
                return;
            }
            if (field.getValue().isNull()) {
                JsonNode target = resolve(components, property);
                if (target instanceof ObjectNode node) {
                    node.put("nullable", true);
                    if (node.path("enum").isArray()) {
                        ((ArrayNode) node.get("enum")).addNull();
                    }
                }
            } else {
                nullableWhereExampleIsNull(components, property, field.getValue());
            }
        });
    }

    private static JsonNode resolve(ObjectNode components, JsonNode schema) {
        JsonNode node = schema;
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (node.path("allOf").isArray() && node.get("allOf").size() == 1) {
            return resolve(components, node.get("allOf").get(0));
        }
        return node;
    }

    /**
     * The contract, loaded once per test run.
     *
     * @return the contract
     */
    static OktaContract get() {
        OktaContract contract = instance;
        if (contract == null) {
            synchronized (OktaContract.class) {
                if (instance == null) {
                    instance = new OktaContract(load());
                }
                contract = instance;
            }
        }
        return contract;
    }

    private static JsonNode load() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        try {
            return yaml.readTree(findSpec().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path findSpec() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(SPEC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(SPEC + " not found beside the project root (from " + Path.of("").toAbsolutePath() + ")");
    }

    /**
     * An example of the description's components, e.g. {@code UserSchemaDefaultResponse}.
     *
     * @param name the example's name
     * @return its {@code value}, as the description has it (not patched)
     */
    JsonNode example(String name) {
        return root.path("components").path("examples").path(name).path("value");
    }

    /**
     * A schema of the description's components as written, e.g. {@code LogEvent}, to read its property names.
     *
     * @param name the schema's name
     * @return the schema's node
     */
    JsonNode component(String name) {
        return root.path("components").path("schemas").path(name);
    }

    /**
     * A schema of the description's components, e.g. {@code User}.
     *
     * @param name the schema's name
     * @return the schema, with every component it refers to
     */
    JsonSchema schema(String name) {
        ObjectNode node = JSON.createObjectNode();
        node.put("$ref", "#/components/schemas/" + name);
        return compile(node);
    }

    private JsonSchema compile(JsonNode schema) {
        ObjectNode node = schema.deepCopy();
        node.putObject("components").set("schemas", schemas);
        return factory.getSchema(node, config);
    }

    /**
     * What is wrong with a response, if anything.
     *
     * @param exchange the request and its response
     * @return the problems, each naming the request; empty when the response keeps the contract or is not checked
     */
    List<String> check(ExchangeObserver.Exchange exchange) {
        String path = exchange.path();
        if (path.startsWith("/oauth2/") || path.startsWith("/sandbox/")) {
            return List.of();
        }
        String where = exchange.method() + " " + path + (exchange.query().isEmpty() ? "" : "?" + exchange.query())
                + " -> " + exchange.status();
        if (exchange.status() == 204) {
            return exchange.body().length == 0 ? List.of() : List.of(where + ": a 204 with a body");
        }
        if (!exchange.contentType().contains("json")) {
            return List.of();
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.body());
        } catch (IOException e) {
            return List.of(where + ": not JSON: " + new String(exchange.body(), StandardCharsets.UTF_8));
        }
        Optional<Operation> operation = operations.stream()
                .filter(candidate -> candidate.method().equals(exchange.method()) && candidate.matches(path))
                .findFirst();
        Optional<JsonSchema> schema;
        if (operation.isEmpty()) {
            if (exchange.status() < 400) {
                return List.of(where + ": no operation of the description has this method and path");
            }
            schema = Optional.of(schemaCache.computeIfAbsent("Error", key -> Optional.of(schema("Error"))).orElseThrow());
        } else {
            schema = schemaFor(operation.get(), exchange.status());
        }
        if (schema.isEmpty()) {
            return body.isObject() ? List.of() : List.of(where + ": a response without declared content must be an object");
        }
        Set<ValidationMessage> problems = schema.get().validate(body);
        List<String> messages = new ArrayList<>();
        problems.forEach(problem -> messages.add(where + ": " + problem.getMessage()));
        return messages;
    }

    private Optional<JsonSchema> schemaFor(Operation operation, int status) {
        String key = operation.method() + " " + operation.template() + " " + status;
        return schemaCache.computeIfAbsent(key, k -> {
            JsonNode responses = operation.node().path("responses");
            JsonNode response = responses.path(Integer.toString(status));
            if (response.isMissingNode()) {
                response = responses.path("default");
            }
            if (response.isMissingNode()) {
                return status >= 400 ? Optional.of(schema("Error")) : Optional.empty();
            }
            if (response.has("$ref")) {
                String ref = response.get("$ref").asText();
                response = root.at(ref.substring(1));
            }
            JsonNode content = response.path("content");
            JsonNode media = content.path("application/json");
            if (media.isMissingNode() && !content.properties().isEmpty()) {
                media = content.properties().iterator().next().getValue();
            }
            JsonNode schema = media.path("schema");
            return schema.isMissingNode() ? Optional.empty() : Optional.of(compile(schema));
        });
    }

    /** One operation of the description. */
    private record Operation(String method, String template, JsonNode node, Pattern pattern, int rank) {
        Operation(String method, String template, JsonNode node) {
            this(method, template, node, Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+")),
                    -10 * literalSegments(template));
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        private static int literalSegments(String template) {
            int literals = 0;
            for (String segment : template.split("/")) {
                if (!segment.isEmpty() && !segment.startsWith("{")) {
                    literals++;
                }
            }
            return literals;
        }
    }
}
