package io.inferctl.command.webhook.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every connection borrowed from the application's DataSource: by which thread, and for
 * which HTTP request (its path and {@code webhook-id}) when a request is being handled on it. A
 * source added to one application context only (through {@code spring.main.sources}), never
 * annotated: the application's component scan would otherwise wrap every test context's pool.
 */
public final class ConnectionBorrowers implements BeanPostProcessor {

    /** One borrowed connection; {@code path} and {@code webhookId} are {@code null} off a request thread. */
    public record Borrow(String thread, String path, String webhookId) {
    }

    private static final Queue<Borrow> BORROWS = new ConcurrentLinkedQueue<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Recording) ? new Recording(dataSource) : bean;
    }

    /**
     * Every borrow of every context that added this source. Static because the instances are
     * created by Spring, and a webhook-id is unique to one delivery, so contexts cannot mix them up.
     */
    public static List<Borrow> forWebhookId(String webhookId) {
        return BORROWS.stream().filter(borrow -> webhookId.equals(borrow.webhookId())).toList();
    }

    /** How many borrows were recorded so far: a mark for {@link #since(int)}. */
    public static int count() {
        return BORROWS.size();
    }

    /** The borrows after {@code mark}, in the order they happened (the queue is only appended to). */
    public static List<Borrow> since(int mark) {
        return BORROWS.stream().skip(mark).toList();
    }

    private static void note() {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
        BORROWS.add(new Borrow(Thread.currentThread().getName(), request == null ? null : request.getRequestURI(),
                request == null ? null : request.getHeader("webhook-id")));
    }

    private static final class Recording extends DelegatingDataSource {

        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            note();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            note();
            return super.getConnection(username, password);
        }
    }
}
