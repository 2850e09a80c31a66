package cn.dsr.draw.draw;

import cn.dsr.draw.plan.PlanBody;
import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics draw-service owns, the event types it publishes on them, and their payloads. */
@Configuration(proxyBeanMethods = false)
public class DrawEvents {

    public static final Topic DRAWS = Topic.stream("draw.draws.v1");
    public static final Topic PLANS = Topic.stream("draw.plans.v1");
    public static final EventType PLAN_PUBLISHED = new EventType("cn.gov.mee.dsr.draw.plan-published.v1", PLANS);
    public static final EventType SCHEDULED = new EventType("cn.gov.mee.dsr.draw.scheduled.v1", DRAWS);
    public static final EventType EXECUTED = new EventType("cn.gov.mee.dsr.draw.executed.v1", DRAWS);
    public static final EventType CANCELLED = new EventType("cn.gov.mee.dsr.draw.cancelled.v1", DRAWS);
    public static final EventType INSPECTOR_REPLACED = new EventType("cn.gov.mee.dsr.draw.inspector-replaced.v1", DRAWS);

    public record Source(String source, String commitment) {}

    /** A plan as its draw froze it: public from now on (四个公开: 抽查计划). */
    public record PlanPublished(String planId, String tenant, String level, String period, String series, String title,
                                String drawId, List<FrozenPlan.FrozenItem> items, PlanBody.Scope scope,
                                List<FrozenPlan.FrozenStratum> strata, PlanBody.Exclusions exclusions, boolean directed,
                                PlanBody.InspectionMethod method, PlanBody.Joint joint, int teamSize, int capBp,
                                OffsetDateTime publishedAt) {}

    public record DrawScheduled(String drawId, String tenant, String level, String period, List<String> planIds,
                                String inputDigest, long rosterRevision, String rosterRevisions, List<Source> sources,
                                String replaces, OffsetDateTime scheduledAt) {}

    public record DrawExecuted(String drawId, String tenant, String level, String period, OffsetDateTime executedAt,
                               long rosterRevision, String inputDigest, String resultDigest, String replaces,
                               List<Visit> visits) {}

    public record DrawCancelled(String drawId, String tenant, String period, boolean executed, String reason,
                                String requestedBy, OffsetDateTime requestedAt, String approvedBy, OffsetDateTime approvedAt) {}

    /** 执法人员调整: one inspector of one visit replaced, with the head's approval; the original stays on record. */
    public record InspectorReplaced(String drawId, String visitId, String tenant, String replaced, Visit.Inspector substitute,
                                    String reason, String comment, String requestedBy, String approvedBy,
                                    OffsetDateTime approvedAt) {}

    @Bean
    Topic drawsTopic() {
        return DRAWS;
    }

    @Bean
    Topic plansTopic() {
        return PLANS;
    }
}
