package cn.dsr.roster;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics roster-service owns and the event types it publishes on them. */
@Configuration(proxyBeanMethods = false)
public class RosterEvents {

    public static final Topic ORG_UNITS = Topic.state("roster.org-units.v1");
    public static final Topic ITEMS = Topic.state("roster.items.v1");
    public static final Topic ENTITIES = Topic.state("roster.entities.v1");
    public static final Topic INSPECTORS = Topic.state("roster.inspectors.v1");
    public static final Topic IN_POST_COUNTS = Topic.state("roster.in-post-counts.v1");
    public static final Topic CONFLICTS = Topic.state("roster.conflicts.v1");

    public static final EventType ORG_UNIT_STATE = new EventType("cn.gov.mee.dsr.roster.org-unit.state.v1", ORG_UNITS);
    public static final EventType ITEM_STATE = new EventType("cn.gov.mee.dsr.roster.item.state.v1", ITEMS);
    public static final EventType ENTITY_STATE = new EventType("cn.gov.mee.dsr.roster.entity.state.v1", ENTITIES);
    public static final EventType INSPECTOR_STATE = new EventType("cn.gov.mee.dsr.roster.inspector.state.v1", INSPECTORS);
    public static final EventType IN_POST_COUNT_STATE = new EventType("cn.gov.mee.dsr.roster.in-post-count.state.v1", IN_POST_COUNTS);
    public static final EventType CONFLICT_STATE = new EventType("cn.gov.mee.dsr.roster.conflict.state.v1", CONFLICTS);

    @Bean
    Topic orgUnitsTopic() {
        return ORG_UNITS;
    }

    @Bean
    Topic itemsTopic() {
        return ITEMS;
    }

    @Bean
    Topic entitiesTopic() {
        return ENTITIES;
    }

    @Bean
    Topic inspectorsTopic() {
        return INSPECTORS;
    }

    @Bean
    Topic inPostCountsTopic() {
        return IN_POST_COUNTS;
    }

    @Bean
    Topic conflictsTopic() {
        return CONFLICTS;
    }
}
