package io.inferctl.worker.support;

import io.inferctl.worker.RolloutWorkerApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/** The whole rollout worker in this JVM, as {@code main} starts it. */
public final class RunningWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningWorker start(Map<String, Object> properties) {
        return new RunningWorker(new SpringApplicationBuilder(RolloutWorkerApplication.class)
                .run(Arguments.of(properties)));
    }

    /** The worker with one test's {@code wrapper} around its beans (e.g. a fault injected at the cluster's calls). */
    public static RunningWorker start(Map<String, Object> properties, BeanPostProcessor wrapper) {
        return new RunningWorker(new SpringApplicationBuilder(RolloutWorkerApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(wrapper))
                .run(Arguments.of(properties)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
