package cn.dsr.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** The RSA signing key, kept in a JWK file so tokens (and services' cached JWK sets) survive restarts. */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                log.info("Loaded issuer signing key kid={} from {}", key.getKeyID(), file.toAbsolutePath());
                return key;
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            write(file, key.toJSONString());
            log.info("Generated issuer signing key kid={} at {}", key.getKeyID(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write issuer key file " + file.toAbsolutePath(), e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("invalid issuer key file " + file.toAbsolutePath() + "; delete it to generate a new key", e);
        }
    }

    /** Write-then-rename so a crash never leaves a truncated key that would block the next start. */
    private static void write(Path file, String json) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createTempFile is owner-only (0600) on POSIX, which the private key needs.
        Path tmp = Files.createTempFile(dir, "jwk", ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
