package cn.dsr.roster.bulk;

/** A column of an import or export: the JSON field it fills and the header an office writes. */
record Column(String field, String label, boolean required) {

    /** A header names this column by its Chinese label, its field path, or the field's last part. */
    boolean namedBy(String header) {
        String h = header.strip();
        return h.equals(label) || h.equalsIgnoreCase(field) || h.equalsIgnoreCase(field.substring(field.lastIndexOf('.') + 1));
    }
}
