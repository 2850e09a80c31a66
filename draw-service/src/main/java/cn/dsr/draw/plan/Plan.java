package cn.dsr.draw.plan;

import java.time.OffsetDateTime;

/** A stored quarterly plan; {@code series} names the yearly plan it was expanded from, if any. */
public record Plan(String id, String tenant, PlanLevel level, String period, String series, PlanStatus status, String title,
                   PlanBody body, String drawId, String createdBy, OffsetDateTime createdAt) {

    public Period quarter() {
        return Period.parse(period);
    }
}
