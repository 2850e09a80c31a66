package cn.dsr.disclosure.result;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.disclosure.result.InspectionResult.ItemFinding;
import cn.dsr.disclosure.result.Redaction.PublicFinding;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionTest {

    static final List<ItemFinding> FINDINGS = List.of(
            new ItemFinding("ITEM-WASTE", "P-1", "PROBLEM_FOUND", "危废贮存间未设置标识，配方见附件", "《固体废物污染环境防治法》第七十七条"),
            new ItemFinding("ITEM-WASTE", "P-2", "PROBLEM_FOUND", "危废贮存间未设置标识，配方见附件", "《固体废物污染环境防治法》第七十七条"),
            new ItemFinding("ITEM-AIR", "P-1", "COMPLIANT", null, null));

    static InspectionResult result(Conclusion conclusion, Confidentiality... grounds) {
        return new InspectionResult("T-1", 1, "411622", new InspectionResult.Entity("91411622MA44AB1X2K", "某化工有限公司", "411622"),
                "D-1", "2026Q2", true, LocalDate.of(2026, 4, 20), null, conclusion, FINDINGS, Set.of(grounds));
    }

    @Test
    void the_result_is_worded_as_the_bureaus_publish_it() {
        assertThat(Conclusion.NO_PROBLEM.wording()).isEqualTo("未发现问题");
        assertThat(Conclusion.RECTIFICATION_ORDERED.wording()).isEqualTo("发现问题已责令整改");
        assertThat(Conclusion.CASE_OPENED.wording()).isEqualTo("发现违法行为已立案调查");
        assertThat(Conclusion.CLOSED_OR_NOT_OPERATING.wording()).isEqualTo("检查对象已关闭或未生产经营");
        assertThat(Conclusion.UNREACHABLE.wording()).isEqualTo("通过登记的住所无法联系");
        assertThat(Conclusion.RECTIFICATION_ORDERED.problemFound()).isTrue();
        assertThat(Conclusion.UNREACHABLE.problemFound()).isFalse();
    }

    @Test
    void an_unrestricted_record_is_published_whole_with_one_line_per_item() {
        Redaction.PublicRecord p = Redaction.publicPart(result(Conclusion.RECTIFICATION_ORDERED)).orElseThrow();
        assertThat(p.withheld()).isEmpty();
        assertThat(p.findings()).containsExactly(
                new PublicFinding("ITEM-WASTE", "PROBLEM_FOUND", "危废贮存间未设置标识，配方见附件", "《固体废物污染环境防治法》第七十七条"),
                new PublicFinding("ITEM-AIR", "COMPLIANT", null, null));
    }

    @Test
    void a_commercial_secret_withholds_the_details_but_the_fact_of_the_inspection_stays() {
        Redaction.PublicRecord p = Redaction.publicPart(result(Conclusion.RECTIFICATION_ORDERED, Confidentiality.COMMERCIAL_SECRET)).orElseThrow();
        assertThat(p.withheld()).containsExactly(Confidentiality.COMMERCIAL_SECRET);
        assertThat(p.findings()).extracting(PublicFinding::itemId, PublicFinding::finding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ITEM-WASTE", "PROBLEM_FOUND"), org.assertj.core.groups.Tuple.tuple("ITEM-AIR", "COMPLIANT"));
        assertThat(p.findings()).allSatisfy(f -> {
            assertThat(f.description()).isNull();
            assertThat(f.provision()).isNull();
        });
    }

    @Test
    void personal_privacy_narrows_the_same_way() {
        Redaction.PublicRecord p = Redaction.publicPart(result(Conclusion.NO_PROBLEM, Confidentiality.PERSONAL_PRIVACY)).orElseThrow();
        assertThat(p.withheld()).containsExactly(Confidentiality.PERSONAL_PRIVACY);
        assertThat(p.findings()).extracting(PublicFinding::description).containsOnlyNulls();
    }

    @Test
    void a_national_secret_withholds_the_whole_record() {
        assertThat(Redaction.publicPart(result(Conclusion.CASE_OPENED, Confidentiality.NATIONAL_SECRET))).isEmpty();
    }
}
