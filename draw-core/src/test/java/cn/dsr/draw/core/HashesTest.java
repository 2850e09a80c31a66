package cn.dsr.draw.core;

import cn.dsr.draw.core.json.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashesTest {

    @Test
    void sha256_of_abc_is_the_fips_180_vector_in_lowercase_hex() {
        assertThat(Hashes.hex(Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void digest_of_a_document_hashes_its_canonical_utf8_bytes() {
        assertThat(Hashes.digestOf(JsonParser.parse("{ \"b\": 1, \"a\": \"\\u00e9\" }")))
                .isEqualTo(Hashes.hex(Hashes.sha256("{\"a\":\"é\",\"b\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void commitment_hashes_party_id_a_zero_byte_and_the_raw_secret() {
        // Expected value from Python: sha256(b"bureau\0" + bytes(32)).hexdigest()
        assertThat(Hashes.commitment("bureau", "00".repeat(32)))
                .isEqualTo("3e27545b2a6cd7d4855d67cc6104e31c6b63df5053b2ebfad1d21542ffa9bb83");
    }

    @Test
    void commitment_refuses_a_secret_that_is_not_32_bytes_of_lowercase_hex() {
        assertThatThrownBy(() -> Hashes.commitment("bureau", "00".repeat(31))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Hashes.commitment("bureau", "AB".repeat(32))).hasMessageContaining("lowercase hex");
    }

    @Test
    void hex_round_trips() {
        byte[] bytes = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        assertThat(Hashes.hex(bytes)).isEqualTo("00017f80ff");
        assertThat(Hashes.fromHex("00017f80ff")).isEqualTo(bytes);
    }
}
