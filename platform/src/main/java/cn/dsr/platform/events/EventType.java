package cn.dsr.platform.events;

import java.net.URI;

/**
 * A published event type: its stable CloudEvents {@code type} name (never a Java class name) and
 * the topic it travels on. The data schema is named after the type; the JSON Schema with that
 * {@code $id} lives in {@code contracts/}.
 */
public record EventType(String name, Topic topic) {

    public URI dataschema() {
        return URI.create("urn:dsr:schema:" + name);
    }
}
