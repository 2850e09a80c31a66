package cn.dsr.inspection.task;

/**
 * Why a targeted inspection happened outside the random system (002, 004): it is recorded like
 * any other, marked {@code random = false}, and kept out of the random-inspection statistics.
 */
public enum TargetedReason {
    COMPLAINT,          // 投诉举报
    REFERRAL,           // 转办交办
    INCIDENT,           // 突发环境事件
    MONITORING_ALERT    // 监测数据异常
}
