package cn.dsr.draw.plan;

import cn.dsr.platform.tenant.CurrentUser;

/** 区县级 (a district branch's own plan) or 市级 (the city detachment's plan across its districts). */
public enum PlanLevel {
    DISTRICT,
    CITY;

    public static PlanLevel of(String tenant) {
        return CurrentUser.isCityLevel(tenant) ? CITY : DISTRICT;
    }
}
