package cn.dsr.roster.entity;

/** 重污染天气重点行业绩效分级: A is the best performer, D the worst. */
public enum PerformanceGrade { A, B, C, D }
