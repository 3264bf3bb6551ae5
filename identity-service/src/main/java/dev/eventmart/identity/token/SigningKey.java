package dev.eventmart.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.eventmart.identity.IdentityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RSA key tokens are signed with, published at {@code /oauth2/jwks}: the one {@code AUTH_SIGNING_KEY} gives
 * (PEM text or a file), or with {@code generate} one made at start. Its key id is its JWK thumbprint, so the same key
 * keeps the same {@code kid} across restarts and instances.
 */
@Configuration(proxyBeanMethods = false)
class SigningKey {

    static final String GENERATE = "generate";
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(rsaKey(properties.signingKey())));
    }

    static RSAKey rsaKey(String setting) {
        try {
            RSAPrivateCrtKey privateKey;
            if (GENERATE.equals(setting)) {
                log.warn("Signing tokens with a key made at start (AUTH_SIGNING_KEY=generate): every token issued so far"
                        + " stops verifying when identity-service restarts");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                privateKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
            }
            else {
                privateKey = rsaPrivateKey(PemContent.isPresentInText(setting) ? PemContent.of(setting)
                        : PemContent.load(Path.of(setting)));
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("AUTH_SIGNING_KEY: cannot read the key file " + setting, ex);
        }
        catch (GeneralSecurityException | JOSEException ex) {
            throw new IllegalStateException("AUTH_SIGNING_KEY: not a usable RSA key", ex);
        }
    }

    private static RSAPrivateCrtKey rsaPrivateKey(PemContent pem) {
        PrivateKey key = pem.getPrivateKey();
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("AUTH_SIGNING_KEY must hold an RSA private key (PKCS#8 or PKCS#1 PEM), was "
                    + (key == null ? "no private key" : key.getAlgorithm()));
        }
        return rsa;
    }
}
