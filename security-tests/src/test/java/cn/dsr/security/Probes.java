package cn.dsr.security;

import cn.dsr.security.ApiDescription.Operation;
import cn.dsr.security.ApiDescription.Schemas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Requests built from an operation's description: paths, query strings and schema-shaped bodies. */
public final class Probes {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Probes() {}

    public static String fill(String template, Map<String, String> binding) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = binding.getOrDefault(m.group(1), "x");
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return m.appendTail(out).toString();
    }

    /** Query string: parameters naming a tenant get {@code tenant}, other required ones an example. */
    public static String query(Operation op, String tenant) {
        StringBuilder q = new StringBuilder();
        for (ApiDescription.Param p : op.queryParams()) {
            String value = tenantLike(p.name()) ? tenant : p.required() ? scalar(p.name(), p.schema()) : null;
            if (value == null) continue;
            q.append(q.isEmpty() ? "?" : "&").append(p.name()).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    static boolean tenantLike(String name) {
        return name.equals("tenant") || name.equals("district") || name.equals("homeDistrict") || name.equals("unit");
    }

    /**
     * A body shaped like the schema, every field that names a tenant set to {@code tenant} and every
     * reference to another object ({@code …Id}, {@code items}) set by {@code idFor}.
     */
    public static JsonNode body(JsonNode schema, Schemas schemas, String tenant, Function<String, String> idFor, int depth) {
        schema = schemas.resolve(schema);
        if (schema == null || depth > 4) return NODES.nullNode();
        if (schema.has("allOf")) return body(schema.get("allOf").get(0), schemas, tenant, idFor, depth + 1);
        if (schema.has("oneOf")) return body(schema.get("oneOf").get(0), schemas, tenant, idFor, depth + 1);
        String type = schema.path("type").isString() ? schema.path("type").asString() : schema.path("type").path(0).asString("object");
        if (type.equals("object") || schema.has("properties")) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                String name = p.getKey();
                JsonNode prop = schemas.resolve(p.getValue());
                if (tenantLike(name)) o.put(name, tenant);
                else if (name.endsWith("Id") && isString(prop)) o.put(name, idFor.apply(name));
                else if (name.endsWith("Ids") || name.equals("items") && isStringArray(prop, schemas)) {
                    o.set(name, NODES.arrayNode().add(idFor.apply(name.replaceAll("Ids?$", "") + "Id")));
                } else o.set(name, body(prop, schemas, tenant, idFor, depth + 1));
            }
            return o;
        }
        if (type.equals("array")) {
            ArrayNode a = NODES.arrayNode();
            a.add(body(schema.path("items"), schemas, tenant, idFor, depth + 1));
            return a;
        }
        if (type.equals("integer")) return NODES.numberNode(1);
        if (type.equals("number")) return NODES.numberNode(1.5);
        if (type.equals("boolean")) return NODES.booleanNode(false);
        return NODES.stringNode(scalar("", schema));
    }

    static String scalar(String name, JsonNode schema) {
        if (schema != null && schema.has("enum")) return schema.get("enum").get(0).asString();
        String format = schema == null ? "" : schema.path("format").asString("");
        String type = schema == null ? "string" : schema.path("type").asString("string");
        if (format.equals("date")) return "2026-06-01";
        if (format.equals("date-time")) return "2026-06-01T08:00:00Z";
        if (format.equals("uuid")) return "00000000-0000-4000-8000-000000000001";
        if (name.equals("year")) return Fixtures.YEAR;
        if (name.equals("quarter")) return "2";
        if (type.equals("integer") || type.equals("number")) return "1";
        if (type.equals("boolean")) return "false";
        return "probe";
    }

    private static boolean isString(JsonNode schema) {
        return schema != null && "string".equals(schema.path("type").asString(""));
    }

    private static boolean isStringArray(JsonNode schema, Schemas schemas) {
        if (schema == null || !"array".equals(schema.path("type").asString(""))) return false;
        return isString(schemas.resolve(schema.path("items")));
    }
}
