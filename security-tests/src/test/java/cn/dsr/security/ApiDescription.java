package cn.dsr.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the services describe in their OpenAPI documents, fetched through the gateway
 * (/api-docs/{service}) — so an endpoint added to a service is probed without touching these tests.
 */
public final class ApiDescription {

    public static final List<String> SERVICES = List.of("roster", "draw", "inspection", "disclosure");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    public record Param(String name, boolean required, JsonNode schema) {}

    public record Operation(String service, String method, String template, List<Param> pathParams, List<Param> queryParams,
                            String bodyType, JsonNode bodySchema, Schemas schemas) {

        public boolean write() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        public boolean publicPath() {
            return template.startsWith("/public/");
        }

        /** The collection a path parameter names an element of: the template up to that parameter. */
        public String collectionOf(String param) {
            return template.substring(0, template.indexOf("{" + param + "}") - 1);
        }

        public String key() {
            return method + " " + template;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Resolves {@code $ref}s against one document's components. */
    public record Schemas(JsonNode components) {
        public JsonNode resolve(JsonNode schema) {
            for (int depth = 0; schema != null && schema.has("$ref") && depth < 10; depth++) {
                String ref = schema.get("$ref").asString();
                schema = components.path("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
            }
            return schema;
        }
    }

    private ApiDescription() {}

    private static List<Operation> cached;

    public static synchronized List<Operation> operations() {
        if (cached == null) {
            List<Operation> all = new ArrayList<>();
            for (String service : SERVICES) all.addAll(of(service));
            all.sort(Comparator.comparing(Operation::template).thenComparing(Operation::method));
            cached = List.copyOf(all);
        }
        return cached;
    }

    static List<Operation> of(String service) {
        Http.Reply reply = Http.get(null, "/api-docs/" + service);
        if (reply.status() != 200) throw new AssertionError("no OpenAPI document for " + service + " through the gateway: " + reply);
        JsonNode doc = reply.json();
        Schemas schemas = new Schemas(doc.path("components"));
        List<Operation> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) continue;
                List<Param> inPath = new ArrayList<>();
                List<Param> inQuery = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    Param param = new Param(p.path("name").asString(), p.path("required").asBoolean(false), schemas.resolve(p.path("schema")));
                    if (p.path("in").asString().equals("path")) inPath.add(param);
                    if (p.path("in").asString().equals("query")) inQuery.add(param);
                }
                // springdoc lists every path variable; make sure none is missed if one was not declared
                Matcher m = PARAM.matcher(path.getKey());
                while (m.find()) {
                    String name = m.group(1);
                    if (inPath.stream().noneMatch(p -> p.name().equals(name))) inPath.add(new Param(name, true, null));
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.isObject() && !content.isEmpty()) {
                    Map.Entry<String, JsonNode> first = content.properties().iterator().next();
                    bodyType = first.getKey();
                    bodySchema = schemas.resolve(first.getValue().path("schema"));
                }
                ops.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(), List.copyOf(inPath), List.copyOf(inQuery),
                        bodyType, bodySchema, schemas));
            }
        }
        return ops;
    }
}
