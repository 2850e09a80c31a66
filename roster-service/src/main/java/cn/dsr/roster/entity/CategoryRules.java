package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A tenant's supervision-category rules (监管对象分类规则), kept as data because every bureau
 * words them differently. Each rule is a conjunction of tag conditions naming a category; when
 * several rules match, {@code precedence} decides which category wins (seed 003: special and
 * general conditions override key ones), and among rules of the winning category the first in
 * order is the one reported. An entity no rule matches falls to {@code otherwise} (其余).
 */
public record CategoryRules(String name, List<SupervisionCategory> precedence, SupervisionCategory otherwise, List<Rule> rules) {

    /** Holds when the entity's values for the tag include any of {@code anyOf}. */
    public record Condition(Tag tag, Set<String> anyOf) {
        public Condition {
            anyOf = anyOf == null ? Set.of() : Collections.unmodifiableSortedSet(
                    anyOf.stream().filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new)));
        }

        boolean holds(EntityTags tags) {
            return tags.values(tag).stream().anyMatch(anyOf::contains);
        }

        String describe(EntityTags tags) {
            Set<String> hit = new TreeSet<>(tags.values(tag));
            hit.retainAll(anyOf);
            return tag + "=" + String.join("/", hit);
        }
    }

    /**
     * One rule: when every condition holds, the entity belongs to {@code category}; {@code offSite}
     * marks categories supervised by remote means (非现场监管: monitoring data, drones; absent: false). The basis
     * quotes the plan's wording so the explanation can cite it.
     */
    public record Rule(String name, SupervisionCategory category, Boolean offSite, List<Condition> when, String basis) {
        public Rule {
            offSite = Boolean.TRUE.equals(offSite);
            when = copy(when);
        }

        boolean matches(EntityTags tags) {
            return when.stream().allMatch(c -> c.holds(tags));
        }
    }

    /** The outcome and why: the rule that decided, and the matching rules precedence overruled. */
    public record Derivation(SupervisionCategory category, boolean offSite, String rule, List<String> overruled, String explanation) {}

    public CategoryRules {
        precedence = copy(precedence);
        rules = copy(rules);
    }

    /** Keeps nulls a client sent, so {@link #problems()} can name them instead of failing. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** What is wrong with these rules, field by field; empty when they can be used. */
    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 60) out.add(new Violation("name", "is required, at most 60 characters"));
        if (precedence.size() != 3 || precedence.contains(null) || new HashSet<>(precedence).size() != 3) {
            out.add(new Violation("precedence", "must rank each of KEY, SPECIAL and GENERAL exactly once"));
        }
        if (otherwise == null) out.add(new Violation("otherwise", "is required: the category of entities no rule matches"));
        if (rules.size() > 100) out.add(new Violation("rules", "at most 100 rules"));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (rule == null) {
                out.add(new Violation(at, "is empty"));
                continue;
            }
            if (rule.name() == null || !rule.name().matches("[A-Za-z0-9._-]{1,60}")) {
                out.add(new Violation(at + ".name", "1–60 letters, digits, '.', '_' or '-'"));
            } else if (!names.add(rule.name())) {
                out.add(new Violation(at + ".name", "duplicate rule name " + rule.name()));
            }
            if (rule.category() == null) out.add(new Violation(at + ".category", "is required"));
            if (rule.when().isEmpty()) out.add(new Violation(at + ".when", "needs at least one condition"));
            for (int j = 0; j < rule.when().size(); j++) {
                Condition c = rule.when().get(j);
                String cat = at + ".when[" + j + "]";
                if (c == null || c.tag() == null) {
                    out.add(new Violation(cat + ".tag", "is required"));
                } else if (c.anyOf().isEmpty()) {
                    out.add(new Violation(cat + ".anyOf", "needs at least one value"));
                } else {
                    c.anyOf().stream().filter(v -> !c.tag().allows(v)).findFirst()
                            .ifPresent(v -> out.add(new Violation(cat + ".anyOf", "'" + v + "' is not a value of " + c.tag())));
                }
            }
        }
        return out;
    }

    public Derivation derive(EntityTags tags) {
        List<Rule> matched = rules.stream().filter(r -> r.matches(tags)).toList();
        if (matched.isEmpty()) {
            return new Derivation(otherwise, false, null, List.of(),
                    "no rule of " + name + " matches; " + otherwise + " is the default for the rest (其余)");
        }
        Rule decisive = matched.stream().min(Comparator.comparingInt(r -> precedence.indexOf(r.category()))).orElseThrow();
        List<String> overruled = matched.stream()
                .filter(r -> r.category() != decisive.category()).map(Rule::name).toList();
        StringBuilder why = new StringBuilder()
                .append(decisive.category()).append(decisive.offSite() ? " (off-site)" : "")
                .append(" by rule ").append(decisive.name()).append(" of ").append(name).append(": ")
                .append(String.join(" and ", decisive.when().stream().map(c -> c.describe(tags)).toList()));
        if (decisive.basis() != null) why.append(" — ").append(decisive.basis());
        if (!overruled.isEmpty()) {
            why.append("; overrules ").append(String.join(", ", overruled)).append(" by precedence ")
                    .append(String.join(" > ", precedence.stream().map(Enum::name).toList()));
        }
        return new Derivation(decisive.category(), decisive.offSite(), decisive.name(), overruled, why.toString());
    }
}
