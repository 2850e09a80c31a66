package cn.dsr.draw.core.json;

public enum JsonNull implements JsonValue {
    NULL;

    @Override
    public String typeName() {
        return "null";
    }
}
