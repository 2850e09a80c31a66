package cn.dsr.roster.item;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsr.platform.refusal.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemDraftTest {

    static ItemDraft radiationItem(List<LegalBasis> basis, Set<InspectionMethod> methods) {
        return new ItemDraft(null, "核与辐射安全日常监督管理", " 辐射环境管理情况 ", "核与辐射利用单位", ItemClass.GENERAL, methods,
                "晋城市生态环境局阳城分局", basis, "每季度对本辖区25%以上重点环境监管对象进行抽查", null, Set.of(" 辐射 "));
    }

    @Test
    void an_item_as_the_seed_tables_have_it_is_valid_and_trimmed() {
        ItemDraft item = radiationItem(List.of(new LegalBasis("《放射性同位素与射线装置安全条例》", "第四十三条")),
                Set.of(InspectionMethod.ON_SITE, InspectionMethod.ONLINE));
        assertThat(item.problems()).isEmpty();
        assertThat(item.name()).isEqualTo("辐射环境管理情况");
        assertThat(item.requiredExpertise()).containsExactly("辐射");
    }

    @Test
    void no_inspection_without_a_legal_basis_three_no_checks() {
        assertThat(radiationItem(List.of(), Set.of(InspectionMethod.ON_SITE)).problems())
                .extracting(Violation::field).containsExactly("legalBasis");
        assertThat(radiationItem(List.of(new LegalBasis(" ", "第三条")), Set.of(InspectionMethod.ON_SITE)).problems())
                .extracting(Violation::field).containsExactly("legalBasis[0].law");
    }

    @Test
    void an_item_needs_at_least_one_inspection_method() {
        assertThat(radiationItem(List.of(new LegalBasis("《中华人民共和国放射性污染防治法》", null)), Set.of()).problems())
                .extracting(Violation::field).containsExactly("methods");
    }

    @Test
    void items_are_numbered_after_the_last_one() {
        ItemDraft d = radiationItem(List.of(new LegalBasis("法", null)), Set.of(InspectionMethod.ON_SITE));
        ItemList list = new ItemList(null, "411622", 2024, 1, ListStatus.DRAFT, null, "x", null, null, null, null,
                List.of(CheckItem.of(java.util.UUID.randomUUID(), 1, d), CheckItem.of(java.util.UUID.randomUUID(), 7, d)));
        assertThat(list.nextSeq()).isEqualTo(8);
    }
}
