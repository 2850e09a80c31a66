package cn.dsr.inspection.record;

import java.util.Collection;
import java.util.Optional;

/**
 * The overall conclusion of a visit, from a fixed list; the first three are the wordings results
 * are published with (004).
 */
public enum Conclusion {
    NO_PROBLEM("未发现问题"),
    RECTIFICATION_ORDERED("发现问题已责令整改"),
    CASE_OPENED("发现违法行为已立案调查"),
    CLOSED_OR_NOT_OPERATING("检查对象已关闭或未生产经营"),
    UNREACHABLE("通过登记的住所无法联系");

    private final String wording;

    Conclusion(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }

    /** The inspectors met the entity, so it signs the record or refuses to. */
    public boolean entityMet() {
        return this == NO_PROBLEM || this == RECTIFICATION_ORDERED || this == CASE_OPENED;
    }

    /** Why this conclusion contradicts the item findings and measures; empty when it does not. */
    public Optional<String> inconsistencyWith(Collection<Finding> findings, Collection<Measure> measures) {
        boolean problem = findings.contains(Finding.PROBLEM_FOUND);
        return switch (this) {
            case NO_PROBLEM -> problem
                    ? Optional.of("'no problem found' contradicts an item with a problem found")
                    : measures.contains(Measure.ORDER_TO_RECTIFY) || measures.contains(Measure.STOP_ORDER)
                    ? Optional.of("'no problem found' cannot come with an order to rectify or to stop")
                    : Optional.empty();
            case RECTIFICATION_ORDERED, CASE_OPENED -> problem
                    ? Optional.empty()
                    : Optional.of("'" + wording + "' needs at least one item with a problem found");
            case CLOSED_OR_NOT_OPERATING, UNREACHABLE ->
                    findings.stream().anyMatch(f -> f != Finding.NOT_APPLICABLE)
                            ? Optional.of("nothing was checked when the entity is closed or unreachable: every item is not applicable")
                            : !measures.isEmpty()
                            ? Optional.of("no measure is taken when the entity is closed or unreachable")
                            : Optional.empty();
        };
    }
}
