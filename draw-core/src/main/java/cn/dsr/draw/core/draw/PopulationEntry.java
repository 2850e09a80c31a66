package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

/** An eligible entity of a stratum; {@code covered} = already inspected this year (coverage rule). */
public record PopulationEntry(String entity, boolean covered) {

    public PopulationEntry {
        Identifiers.require(entity, "entity");
    }

    JsonObject toJson() {
        return JsonObject.builder().put("entity", entity).put("covered", covered).build();
    }

    static PopulationEntry fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("entity", "covered");
        return new PopulationEntry(f.string("entity"), f.bool("covered"));
    }
}
