package cn.dsr.draw.core.json;

import java.util.Map;

/** Indented JSON for files people read; members in insertion order, strings escaped as JCS does. */
public final class PrettyJson {

    private PrettyJson() {
    }

    public static String print(JsonValue value) {
        StringBuilder out = new StringBuilder();
        print(value, "", out);
        return out.append('\n').toString();
    }

    private static void print(JsonValue value, String indent, StringBuilder out) {
        String inner = indent + "  ";
        if (value instanceof JsonObject o && !o.members().isEmpty()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                out.append(inner).append(Jcs.canonical(new JsonString(m.getKey()))).append(": ");
                print(m.getValue(), inner, out);
                out.append(++i < o.members().size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof JsonArray a && !a.elements().isEmpty()) {
            boolean flat = a.elements().stream().allMatch(e -> e instanceof JsonObject obj && obj.members().size() <= 2);
            out.append("[\n");
            for (int i = 0; i < a.elements().size(); i++) {
                out.append(inner);
                if (flat) {
                    out.append(Jcs.canonical(a.elements().get(i)));
                } else {
                    print(a.elements().get(i), inner, out);
                }
                out.append(i + 1 < a.elements().size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(Jcs.canonical(value));
        }
    }
}
