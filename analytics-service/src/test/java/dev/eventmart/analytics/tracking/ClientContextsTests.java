package dev.eventmart.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventmart.events.activity.DeviceType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientContextsTests {

    @Test
    void tellsDeviceTypesApartByUserAgent() {
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"))
                .isEqualTo(DeviceType.MOBILE);
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"))
                .isEqualTo(DeviceType.MOBILE);
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"))
                .isEqualTo(DeviceType.TABLET);
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"))
                .isEqualTo(DeviceType.TABLET);
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"))
                .isEqualTo(DeviceType.DESKTOP);
        assertThat(ClientContexts.deviceType(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15"))
                .isEqualTo(DeviceType.DESKTOP);
        assertThat(ClientContexts.deviceType("curl/8.5.0")).isEqualTo(DeviceType.UNKNOWN);
        assertThat(ClientContexts.deviceType(null)).isEqualTo(DeviceType.UNKNOWN);
    }

    @Test
    void takesTheClientIpFromForwardedForThenRealIpThenTheSocket() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.9");
        assertThat(ClientContexts.clientIp(request)).isEqualTo("10.0.0.9");

        request.addHeader("X-Real-IP", "203.0.113.5");
        assertThat(ClientContexts.clientIp(request)).isEqualTo("203.0.113.5");

        request.addHeader("X-Forwarded-For", " 198.51.100.7 , 10.0.0.1");
        assertThat(ClientContexts.clientIp(request)).isEqualTo("198.51.100.7");
    }
}
