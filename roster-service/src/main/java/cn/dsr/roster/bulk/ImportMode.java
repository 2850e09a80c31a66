package cn.dsr.roster.bulk;

/** What an import does when some rows are wrong. Either way a write is all-or-nothing. */
public enum ImportMode {
    /** Any error rejects the whole file: nothing is written. */
    REJECT_ALL,
    /** The valid rows are written in one transaction; the report lists the others. */
    VALID_ROWS
}
