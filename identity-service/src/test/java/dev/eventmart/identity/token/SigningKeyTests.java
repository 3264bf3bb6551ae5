package dev.eventmart.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

    private static final KeyPair KEY_PAIR = rsaKeyPair();

    @Test
    void readsAPemKeyGivenAsText() throws Exception {
        RSAKey key = SigningKey.rsaKey(pkcs8Pem(KEY_PAIR));

        assertThat(key.toRSAPublicKey()).isEqualTo(KEY_PAIR.getPublic());
        assertThat(key.isPrivate()).isTrue();
    }

    @Test
    void readsAPemKeyFromAFileWithTheSameKeyIdEveryTime(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("signing-key.pem"), pkcs8Pem(KEY_PAIR));

        RSAKey key = SigningKey.rsaKey(file.toString());

        assertThat(key.toRSAPublicKey()).isEqualTo(KEY_PAIR.getPublic());
        assertThat(key.getKeyID()).isEqualTo(SigningKey.rsaKey(pkcs8Pem(KEY_PAIR)).getKeyID())
                .isEqualTo(key.computeThumbprint().toString());
    }

    @Test
    void generatesAKeyOnRequest() throws Exception {
        RSAKey key = SigningKey.rsaKey(SigningKey.GENERATE);

        assertThat(key.toRSAPublicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.toRSAPublicKey()).isNotEqualTo(SigningKey.rsaKey(SigningKey.GENERATE).toRSAPublicKey())
                .isInstanceOf(RSAPublicKey.class);
    }

    @Test
    void namesTheSettingWhenTheKeyFileIsMissing(@TempDir Path directory) {
        assertThatThrownBy(() -> SigningKey.rsaKey(directory.resolve("absent.pem").toString()))
                .hasMessageContaining("AUTH_SIGNING_KEY");
    }

    private static String pkcs8Pem(KeyPair keyPair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
