package io.inferctl.worker.crashtest;

import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.rollout.CommandReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST ONLY, off unless {@code inferctl.test.halt-after} is set: halts the JVM the moment a named
 * rollout operation has returned, e.g. {@code Cluster.applyVersion} or {@code CommandReports.succeeded}:
 * the side effect happened, the saga's new state was not committed. Crash tests start the worker as a
 * child process with this set and then start it again without it. Never set it in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("inferctl.test.halt-after")
public class HaltAfter {

    /** The exit status of a halted worker, so that a test can tell the halt from any other exit. */
    public static final int EXIT_STATUS = 86;

    private static final Logger log = LoggerFactory.getLogger(HaltAfter.class);

    @Bean
    public static BeanPostProcessor haltAfterOperation(Environment environment) {
        String operation = environment.getRequiredProperty("inferctl.test.halt-after");
        int times = environment.getProperty("inferctl.test.halt-after-times", Integer.class, 1);
        AtomicInteger calls = new AtomicInteger();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                for (Class<?> type : new Class<?>[]{Cluster.class, CommandReports.class}) {
                    if (type.isInstance(bean)) {
                        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
                            Object result;
                            try {
                                result = method.invoke(bean, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if ((type.getSimpleName() + "." + method.getName()).equals(operation)
                                    && calls.incrementAndGet() == times) {
                                log.warn("inferctl.test.halt-after={}: halting the worker now", operation);
                                Runtime.getRuntime().halt(EXIT_STATUS);
                            }
                            return result;
                        });
                    }
                }
                return bean;
            }
        };
    }
}
