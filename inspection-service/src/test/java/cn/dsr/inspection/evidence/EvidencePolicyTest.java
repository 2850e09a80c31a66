package cn.dsr.inspection.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.platform.refusal.Refused;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvidencePolicyTest {

    static final EvidencePolicy policy = EvidencePolicy.DEFAULT;
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1};
    static final byte[] MP4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};

    @Test
    void photos_documents_audio_and_video_of_the_listed_types_are_accepted() {
        assertThat(policy.kindOf("image/jpeg")).isEqualTo(EvidenceKind.PHOTO);
        assertThat(policy.kindOf("application/pdf")).isEqualTo(EvidenceKind.DOCUMENT);
        assertThat(policy.kindOf("audio/amr")).isEqualTo(EvidenceKind.AUDIO);
        assertThat(policy.kindOf("video/mp4; codecs=avc1")).isEqualTo(EvidenceKind.VIDEO);
    }

    @Test
    void any_other_type_is_refused_naming_the_file() {
        assertThatThrownBy(() -> policy.kindOf("application/x-msdownload")).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).violations()).extracting(v -> v.field()).containsExactly("file"));
        assertThatThrownBy(() -> policy.kindOf(null)).isInstanceOf(Refused.class);
    }

    @Test
    void a_file_is_what_it_claims_to_be() {
        policy.requireSignature("image/jpeg", JPEG);
        policy.requireSignature("video/mp4", MP4);
        byte[] executable = "MZ\u0090\u0000this is not a photo".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> policy.requireSignature("image/jpeg", executable)).isInstanceOf(Refused.class)
                .hasMessageContaining("not image/jpeg");
    }

    @Test
    void each_kind_has_its_size_limit_and_an_empty_file_is_no_evidence() {
        policy.requireWithinLimit(EvidenceKind.PHOTO, 10L * 1024 * 1024);
        assertThatThrownBy(() -> policy.requireWithinLimit(EvidenceKind.PHOTO, 10L * 1024 * 1024 + 1))
                .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).why()).isEqualTo(Refused.Why.TOO_LARGE);
        assertThatThrownBy(() -> policy.requireWithinLimit(EvidenceKind.VIDEO, 0)).isInstanceOf(Refused.class);
    }
}
