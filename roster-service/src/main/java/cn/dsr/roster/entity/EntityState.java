package cn.dsr.roster.entity;

import cn.dsr.roster.entity.CategoryRules.Derivation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An entity of the roster as stored, read and published: what was stated, plus the supervision
 * category with its explanation. {@code rosterRevision} is the tenant's revision of the change
 * that produced this state; the change log stores the state without it (the revision is its key).
 */
public record EntityState(
        UUID id,
        String tenant,
        String uscc,
        String name,
        String address,
        String district,
        String legalRepresentative,
        String industry,
        EntityStatus status,
        LocalDate registrationDate,
        EntityTags tags,
        SupervisionCategory category,
        boolean offSite,
        CategorySource categorySource,
        String categoryRule,
        String categoryExplanation,
        CategoryOverride override,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long rosterRevision) {

    /** Where the category came from. */
    public enum CategorySource { RULE, DEFAULT, OVERRIDE }

    /** Classifies a draft under the tenant's rules; a standing override takes the category's place. */
    public static EntityState of(UUID id, String tenant, EntityDraft d, CategoryRules rules, CategoryOverride override) {
        Derivation derived = rules.derive(d.tags());
        if (override != null) {
            String why = "set by hand to " + override.category() + (override.offSite() ? " (off-site)" : "") + " by " + override.by()
                    + ": " + override.reason() + "; the rules give " + derived.category() + " — " + derived.explanation();
            return new EntityState(id, tenant, d.uscc(), d.name(), d.address(), d.district(), d.legalRepresentative(), d.industry(),
                    d.status(), d.registrationDate(), d.tags(), override.category(), override.offSite(), CategorySource.OVERRIDE,
                    derived.rule(), why, override, null);
        }
        return new EntityState(id, tenant, d.uscc(), d.name(), d.address(), d.district(), d.legalRepresentative(), d.industry(),
                d.status(), d.registrationDate(), d.tags(), derived.category(), derived.offSite(),
                derived.rule() == null ? CategorySource.DEFAULT : CategorySource.RULE, derived.rule(), derived.explanation(), null, null);
    }

    public EntityDraft draft() {
        return new EntityDraft(uscc, name, address, district, legalRepresentative, industry, status, registrationDate, tags);
    }

    public EntityState atRevision(Long revision) {
        return new EntityState(id, tenant, uscc, name, address, district, legalRepresentative, industry, status, registrationDate,
                tags, category, offSite, categorySource, categoryRule, categoryExplanation, override, revision);
    }
}
