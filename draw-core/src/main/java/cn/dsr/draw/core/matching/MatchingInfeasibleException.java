package cn.dsr.draw.core.matching;

import java.util.List;

/** No complete assignment exists: the draw must not execute, and nothing is relaxed (§14.5). */
public class MatchingInfeasibleException extends IllegalStateException {

    private final List<Unstaffed> unstaffed;

    public MatchingInfeasibleException(List<Unstaffed> unstaffed) {
        super(unstaffed.size() + " slot(s) cannot be staffed: " + String.join("; ",
                unstaffed.stream().limit(5).map(u -> u.entity() + " " + u.explain()).toList()));
        this.unstaffed = List.copyOf(unstaffed);
    }

    public List<Unstaffed> unstaffed() {
        return unstaffed;
    }
}
