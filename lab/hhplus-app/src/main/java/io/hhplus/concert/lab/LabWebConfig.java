package io.hhplus.concert.lab;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lab only: {@code /lab/**} answers loopback callers only (403 otherwise), and the "return 5xx"
 * fault fails that share of {@code /api/**} requests (spread evenly: exactly N of every 100 in a row, so a test knows how many) inside the handler chain, so Micrometer
 * records them with their real {@code uri} and {@code status="500"}.
 */
@Configuration
@Profile("lab")
public class LabWebConfig implements WebMvcConfigurer {
    private final LabFaults faults;
    private final AtomicLong requests = new AtomicLong();

    public LabWebConfig(LabFaults faults) {
        this.faults = faults;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                if (!loopback(request.getRemoteAddr())) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "lab faults answer loopback only");
                    return false;
                }
                return true;
            }
        }).addPathPatterns("/lab/**");
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                int percent = faults.errorPercent();
                long n = requests.getAndIncrement();
                if (percent > 0 && (n + 1) * percent / 100 > n * percent / 100) {
                    throw new InjectedFault();
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static final class InjectedFault extends RuntimeException {
        InjectedFault() {
            super("lab fault: injected server error");
        }
    }
}
