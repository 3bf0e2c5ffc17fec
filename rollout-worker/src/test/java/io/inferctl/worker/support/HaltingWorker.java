package io.inferctl.worker.support;

import io.inferctl.worker.RolloutWorkerApplication;
import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.rollout.CommandReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker as crash tests run it in a process of their own: the shipped worker, plus a halt of the
 * JVM the moment a named rollout operation has returned ({@value #HALT_AFTER}, e.g.
 * {@code Cluster.applyVersion} or {@code CommandReports.succeeded}, on its {@value #HALT_AFTER_TIMES}th
 * call): the side effect happened, the saga's new state was not committed. It lives in test sources
 * and is added only by this {@code main}, so the shipped worker cannot be told to halt itself.
 */
public final class HaltingWorker {

    public static final String HALT_AFTER = "inferctl.test.halt-after";
    public static final String HALT_AFTER_TIMES = "inferctl.test.halt-after-times";
    /** The exit status of a halted worker, so that a test can tell the halt from any other exit. */
    public static final int EXIT_STATUS = 86;

    private static final Logger log = LoggerFactory.getLogger(HaltingWorker.class);

    private HaltingWorker() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(RolloutWorkerApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(haltAfter(context.getEnvironment())))
                .run(args);
    }

    private static BeanPostProcessor haltAfter(Environment environment) {
        String operation = environment.getRequiredProperty(HALT_AFTER);
        int times = environment.getProperty(HALT_AFTER_TIMES, Integer.class, 1);
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
                                log.warn("{}={}: halting the worker now", HALT_AFTER, operation);
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
