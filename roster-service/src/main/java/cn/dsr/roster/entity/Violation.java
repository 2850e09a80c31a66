package cn.dsr.roster.entity;

/**
 * One reason an input is refused, naming the field (a JSON path such as {@code tags.permitClass})
 * so the web layer can render it as problem details and the importer as a row/column error.
 */
public record Violation(String field, String message) {}
