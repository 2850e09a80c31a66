package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.json.JsonObject;

/** One drawn (stratum, entity) pair of the output. */
public record Selected(String stratum, String entity) {

    public Selected {
        Identifiers.require(stratum, "stratum");
        Identifiers.require(entity, "entity");
    }

    public JsonObject toJson() {
        return JsonObject.builder().put("stratum", stratum).put("entity", entity).build();
    }
}
