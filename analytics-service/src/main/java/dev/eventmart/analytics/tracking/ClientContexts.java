package dev.eventmart.analytics.tracking;

import dev.eventmart.events.activity.ClientContext;
import dev.eventmart.events.activity.DeviceType;
import dev.eventmart.support.web.PlainTextValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * What the server learns about the client from the request. The client IP is taken from {@code X-Forwarded-For}
 * (its first entry, the original client), then {@code X-Real-IP}, then the socket: the service runs behind a proxy
 * or load balancer in any real deployment. These headers are client-controlled, which is acceptable for analytics
 * but means the IP must never be used for a security decision.
 */
final class ClientContexts {

    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_IP = 64;

    private ClientContexts() {
    }

    /**
     * The client context of a request; {@link InvalidClientHeader} when one of the headers it is taken from holds a
     * control character or a lone surrogate (Tomcat reads header bytes as ISO-8859-1, so a C1 control such as
     * {@code 0x9b}, the terminal's CSI, arrives as a character): it would travel in every event and into logs.
     */
    static ClientContext of(HttpServletRequest request) {
        String userAgent = truncate(plainHeader(request, "User-Agent"), MAX_USER_AGENT);
        return new ClientContext(userAgent, deviceType(userAgent), clientIp(request));
    }

    static String clientIp(HttpServletRequest request) {
        String forwarded = plainHeader(request, "X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return truncate(first, MAX_IP);
            }
        }
        String realIp = plainHeader(request, "X-Real-IP");
        if (realIp != null && !realIp.isBlank()) {
            return truncate(realIp.trim(), MAX_IP);
        }
        return request.getRemoteAddr();
    }

    /**
     * The device class from well-known User-Agent tokens. Tablets are checked first: iPads and Android tablets also
     * look like mobile browsers in parts, and Android phones say {@code Mobile} while Android tablets do not.
     */
    static DeviceType deviceType(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return DeviceType.UNKNOWN;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("ipad") || ua.contains("tablet") || ua.contains("kindle") || ua.contains("silk/")
                || (ua.contains("android") && !ua.contains("mobile"))) {
            return DeviceType.TABLET;
        }
        if (ua.contains("mobi") || ua.contains("iphone") || ua.contains("ipod") || ua.contains("android")
                || ua.contains("windows phone") || ua.contains("blackberry") || ua.contains("opera mini")) {
            return DeviceType.MOBILE;
        }
        if (ua.contains("windows nt") || ua.contains("macintosh") || ua.contains("mac os x") || ua.contains("x11")
                || ua.contains("linux") || ua.contains("cros")) {
            return DeviceType.DESKTOP;
        }
        return DeviceType.UNKNOWN;
    }

    private static String plainHeader(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (!PlainTextValidator.isPlain(value)) {
            throw new InvalidClientHeader(name);
        }
        return value;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
