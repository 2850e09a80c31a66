package cn.dsr.roster.bulk;

import java.util.List;

/**
 * What an import did: rows read, how many were added, changed or already as stated, how many
 * were refused and why. {@code written} is false when nothing was written.
 */
public record ImportReport(ImportMode mode, int rows, int created, int updated, int unchanged, int rejected, boolean written,
                           List<RowError> errors) {}
