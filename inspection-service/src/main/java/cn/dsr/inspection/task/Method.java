package cn.dsr.inspection.task;

/** 检查方式: on site, in writing, online, or off-site supervision (remote monitoring, drones). */
public enum Method {
    ON_SITE, WRITTEN, ONLINE, OFF_SITE
}
