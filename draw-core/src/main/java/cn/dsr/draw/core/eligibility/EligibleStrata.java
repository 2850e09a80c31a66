package cn.dsr.draw.core.eligibility;

import cn.dsr.draw.core.draw.Exclusion;
import cn.dsr.draw.core.draw.Stratum;

import java.util.List;

/** The {@code strata} and {@code excluded} of a draw input, ready to commit to. */
public record EligibleStrata(List<Stratum> strata, List<Exclusion> excluded) {

    public EligibleStrata {
        strata = List.copyOf(strata);
        excluded = List.copyOf(excluded);
    }
}
