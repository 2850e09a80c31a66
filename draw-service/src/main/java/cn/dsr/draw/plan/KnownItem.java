package cn.dsr.draw.plan;

import java.util.List;

/** An item of the replicated item list (随机抽查事项清单), as a plan may name it. */
public record KnownItem(String id, String tenant, int year, String status, String name, List<String> methods,
                        List<String> requiredExpertise) {

    public boolean published() {
        return "PUBLISHED".equals(status);
    }
}
