package io.inferctl.command.benchmark;

import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the service asks of PostgreSQL, by the kind of thread that asks: each statement
 * execution, commit and rollback is one round trip with pgjdbc, and {@code isValid} (Hikari's check
 * of an idle connection) is one more. Per-SQL counts show which statements a command costs.
 */
final class StatementCounter implements BeanPostProcessor {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = method.invoke(target, args);
                if (method.getName().equals("getConnection")) {
                    count("connection checkouts");
                    return proxy(Connection.class, (Connection) result, this::onConnection);
                }
                return result;
            });
        }
        return bean;
    }

    private Object onConnection(Object target, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "commit" -> count("COMMIT");
            case "rollback" -> count("ROLLBACK");
            case "isValid" -> count("isValid");
            default -> {
            }
        }
        Object result = method.invoke(target, args);
        if (result instanceof Statement statement && (name.equals("prepareStatement") || name.equals("createStatement")
                || name.equals("prepareCall"))) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            Class<?> type = name.equals("createStatement") ? Statement.class
                    : name.equals("prepareCall") ? java.sql.CallableStatement.class : java.sql.PreparedStatement.class;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type},
                    (proxy, m, a) -> {
                        if (EXECUTIONS.contains(m.getName())) {
                            String text = sql != null ? sql : a != null && a.length > 0 ? String.valueOf(a[0]) : "?";
                            count("statement " + abbreviate(text));
                            count("statements");
                        }
                        return invoke(statement, m, a);
                    });
        }
        return result;
    }

    private void count(String what) {
        counts.computeIfAbsent(kind() + " | " + what, k -> new LongAdder()).increment();
    }

    /** Request threads, the relay's processor thread, or anything else (snapshotter, schedulers). */
    private static String kind() {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith("http-nio")) {
            return "http";
        }
        if (thread.contains("kafka-relay")) {
            return "relay";
        }
        return "other";
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 110 ? flat.substring(0, 110) + "..." : flat;
    }

    void reset() {
        counts.clear();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long get(String kind, String what) {
        LongAdder adder = counts.get(kind + " | " + what);
        return adder == null ? 0 : adder.sum();
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    try {
                        return handler.handle(target, method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }
}
