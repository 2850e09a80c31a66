package cn.dsr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published event contracts: one JSON Schema per event type, named after the type. Tests of
 * every producing service validate what they emit against these, so a payload change that
 * breaks a consumer fails the producer's build.
 */
public final class EventContracts {

    public static final String SCHEMA_ID_PREFIX = "urn:dsr:schema:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {}

    /** The validation errors of a payload against its type's schema; empty when it conforms. */
    public static List<String> violations(String type, byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return schema(type).validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = resource(schemaPath(t))) {
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static String schemaPath(String type) {
        return "contracts/schemas/" + type + ".schema.json";
    }

    static InputStream resource(String path) {
        InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalArgumentException("no contract for " + path);
        return in;
    }
}
