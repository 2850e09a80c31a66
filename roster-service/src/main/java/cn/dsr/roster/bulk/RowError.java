package cn.dsr.roster.bulk;

/** One refused value of an import: the spreadsheet row, the column header, the field it fills, and why. */
public record RowError(int row, String column, String field, String message) {}
