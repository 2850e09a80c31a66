package cn.dsr.draw.core.json;

/** A document that is not JSON, not the strict subset draw documents use, or not the expected shape. */
public class JsonException extends IllegalArgumentException {

    public JsonException(String message) {
        super(message);
    }
}
