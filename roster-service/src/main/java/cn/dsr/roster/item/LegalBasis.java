package cn.dsr.roster.item;

/** 检查依据: a law or regulation and, where the list names one, its article. */
public record LegalBasis(String law, String article) {}
