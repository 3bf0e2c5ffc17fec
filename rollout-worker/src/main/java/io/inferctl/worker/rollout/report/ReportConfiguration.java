package io.inferctl.worker.rollout.report;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
public class ReportConfiguration {

    @Bean
    public HttpCommandReports commandReports(ReportProperties properties, RestClient.Builder rest, MeterRegistry meters) {
        return new HttpCommandReports(properties, rest, meters);
    }
}
