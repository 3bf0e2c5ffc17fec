package io.inferctl.worker.rollout.health;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextTest {

    private static final EngineMetricNames DEFAULT_NAMES = new EngineMetricNames("/metrics",
            "inferctl_engine_requests_total", "inferctl_engine_request_errors_total",
            "inferctl_engine_request_duration_seconds");

    @Test
    void commentsAndBlankLinesAreSkippedAndSamplesKeepTheirLabels() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                # HELP inferctl_engine_requests_total Requests the engine finished.
                # TYPE inferctl_engine_requests_total counter

                inferctl_engine_requests_total 42
                   # an indented comment
                http_requests_total{handler="/v1/chat/completions",status="5xx"} 3 1733400000000
                """);

        assertThat(samples).containsExactly(
                new PrometheusText.Sample("inferctl_engine_requests_total", Map.of(), 42),
                new PrometheusText.Sample("http_requests_total",
                        Map.of("handler", "/v1/chat/completions", "status", "5xx"), 3));
    }

    @Test
    void labelValuesAreUnescaped() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(
                "m{path=\"C:\\\\models\",msg=\"say \\\"hi\\\", twice\",multi=\"a\\nb\"} 1\n");

        assertThat(samples).singleElement().satisfies(s -> assertThat(s.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("path", "C:\\models", "msg", "say \"hi\", twice", "multi", "a\nb")));
    }

    @Test
    void infinitiesAndNanAreValuesAndTheInfBucketIsABound() {
        PodMetrics metrics = PodMetrics.read(PrometheusText.parse("""
                inferctl_engine_request_duration_seconds_bucket{le="0.05"} 7
                inferctl_engine_request_duration_seconds_bucket{le="+Inf"} 9
                odd_gauge -Inf
                other_gauge NaN
                """), DEFAULT_NAMES);

        assertThat(metrics.buckets()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(0.05, 7.0, Double.POSITIVE_INFINITY, 9.0)));
        assertThat(PrometheusText.parse("g -Inf\n").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PrometheusText.parse("g NaN\n").get(0).value()).isNaN();
    }

    @Test
    void aMissingSeriesReadsAsZeroAndAnUnconfiguredErrorCounterAsUnknown() {
        PodMetrics fresh = PodMetrics.read(PrometheusText.parse("# nothing yet\n"), DEFAULT_NAMES);
        PodMetrics noErrors = PodMetrics.read(PrometheusText.parse("inferctl_engine_requests_total 5\n"),
                new EngineMetricNames("/metrics", "inferctl_engine_requests_total", "", "d"));

        assertThat(fresh.requests()).isZero();
        assertThat(fresh.errors()).isZero();
        assertThat(fresh.buckets()).isEmpty();
        assertThat(noErrors.requests()).isEqualTo(5);
        assertThat(noErrors.errors()).isNull();
    }

    @Test
    void malformedLinesAreSkippedWithoutLosingTheOthers() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                broken{le="0.1" 3
                no_value
                bad_number abc
                good 1
                """);

        assertThat(samples).extracting(PrometheusText.Sample::name).containsExactly("good");
    }

    @Test
    void aSelectorAddsUpEveryMatchingSeries() {
        List<PrometheusText.Sample> page = PrometheusText.parse("""
                vllm:request_success_total{finished_reason="stop",model_name="llama"} 90
                vllm:request_success_total{finished_reason="length",model_name="llama"} 10
                http_requests_total{handler="/v1/chat/completions",status="2xx"} 95
                http_requests_total{handler="/v1/chat/completions",status="5xx"} 5
                http_requests_total{handler="/metrics",status="5xx"} 1
                """);

        assertThat(SeriesSelector.parse("vllm:request_success_total").sum(page)).isEqualTo(100);
        assertThat(SeriesSelector.parse("http_requests_total{handler=\"/v1/chat/completions\",status=\"5xx\"}")
                .sum(page)).isEqualTo(5);
        assertThat(SeriesSelector.parse("http_requests_total{status=\"5xx\"}").sum(page)).isEqualTo(6);
        assertThat(SeriesSelector.parse("absent_total").sum(page)).isNull();
        assertThatThrownBy(() -> SeriesSelector.parse("m{a=\"b\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCounterThatFellWasResetAndCountsWhollyAsNew() {
        PodMetrics before = new PodMetrics(100, 4.0, new java.util.TreeMap<>(Map.of(Double.POSITIVE_INFINITY, 100.0)));
        PodMetrics after = new PodMetrics(30, 1.0, new java.util.TreeMap<>(Map.of(Double.POSITIVE_INFINITY, 30.0)));

        PodMetrics delta = after.since(before);

        assertThat(delta.requests()).isEqualTo(30);
        assertThat(delta.errors()).isEqualTo(1);
        assertThat(delta.buckets()).containsEntry(Double.POSITIVE_INFINITY, 30.0);
    }
}
