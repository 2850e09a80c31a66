package cn.dsr.platform.refusal;

/** One reason input is refused, naming the field as the client sent it (JSON path). */
public record Violation(String field, String message) {}
