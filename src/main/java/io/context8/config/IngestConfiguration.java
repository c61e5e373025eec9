package io.context8.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestHeartbeat;
import io.context8.ingest.IngestStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;

/** Beans the ingest routes call. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    /**
     * Vert.x for the websocket client with ONE worker thread: the component hands frames to workers with
     * unordered executeBlocking, so more than one thread reorders frames.
     */
    @Bean
    VertxOptions ingestVertxOptions() {
        return new VertxOptions().setWorkerPoolSize(1).setEventLoopPoolSize(1);
    }

    @Bean
    IngestStatus ingestStatus(Context8Properties props) {
        return new IngestStatus(props.ingestion().freshMax().toMillis() * 5);
    }

    @Bean
    IngestHeartbeat ingestHeartbeat(Context8Properties props, IngestStatus status) {
        return new IngestHeartbeat(status, new ObjectMapper(), props.venue(), props.ingestion().statusTtl().toSeconds());
    }

    @Bean
    IngestFrames ingestFrames(Context8Properties props, IngestStatus status, MeterRegistry meters) {
        return new IngestFrames(new BinanceNormalizer(new ObjectMapper(), props.venue()), status, meters);
    }
}
