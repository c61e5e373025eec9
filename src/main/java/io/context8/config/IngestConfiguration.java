package io.context8.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.BookResyncRequests;
import io.context8.ingest.FeedSource;
import io.context8.ingest.FrameRecording;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestHeartbeat;
import io.context8.ingest.IngestStatus;
import io.context8.ingest.InstrumentIncrements;
import io.context8.ingest.ReconnectBackoff;
import io.context8.ingest.ws.ConnectionListener;
import io.context8.ingest.ws.ResilientWebsocketComponent;
import io.context8.redis.RedisStreamComponent;
import io.context8.schema.SchemaGuard;
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

    /** Record mode: CONTEXT8_RECORD=<path.gz>; a no-op when unset. */
    @Bean(destroyMethod = "close")
    FrameRecording frameRecording(Context8Properties props) throws java.io.IOException {
        return new FrameRecording(props.record());
    }

    /** The envelope schema guard of the ingest routes (schemas/market-event.schema.json). */
    @Bean
    SchemaGuard marketEventSchema() {
        return new SchemaGuard("schemas/market-event.schema.json", new ObjectMapper());
    }

    @Bean
    IngestStatus ingestStatus(Context8Properties props) {
        return new IngestStatus(props.ingestion().freshMax().toMillis() * 5,
                FeedSource.of(props.source(), props.replay().speed(), props.replay().files()));
    }

    @Bean
    IngestHeartbeat ingestHeartbeat(Context8Properties props, IngestStatus status,
            org.springframework.beans.factory.ObjectProvider<io.context8.replay.ReplayServer> replay) {
        IngestHeartbeat heartbeat = new IngestHeartbeat(status, new ObjectMapper(), props.venue(),
                props.ingestion().statusTtl().toSeconds());
        replay.ifAvailable(server -> heartbeat.replayState(server::state)); // replay and simulated mode
        return heartbeat;
    }

    /** Tick and step per symbol from exchangeInfo, carried in the depth snapshot events. */
    @Bean
    InstrumentIncrements instrumentIncrements(Context8Properties props) {
        return new InstrumentIncrements(new ObjectMapper(), props.binance().snapshotLimit(), System::currentTimeMillis);
    }

    @Bean
    IngestFrames ingestFrames(Context8Properties props, IngestStatus status, MeterRegistry meters) {
        java.util.Set<String> symbols = new java.util.HashSet<>();
        props.symbols().forEach(s -> symbols.add(s.trim().toUpperCase(java.util.Locale.ROOT)));
        return new IngestFrames(new BinanceNormalizer(new ObjectMapper(), props.venue()), status, meters, symbols);
    }

    /** Book resync requests from analytics (route consume-resync-requests). */
    @Bean
    BookResyncRequests bookResyncRequests(Context8Properties props, IngestFrames frames) {
        return new BookResyncRequests(frames, new java.util.HashSet<>(props.symbols()),
                props.book().resyncInterval().toMillis(), System::currentTimeMillis);
    }

    /**
     * The ingest route's websocket client ({@code binance-websocket:}): camel-vertx-websocket with reconnects
     * after exponential back-off with jitter, a planned reconnect before Binance's 24 h cut, and a fresh
     * snapshot after every (re)connect.
     */
    @Bean("binance-websocket")
    ResilientWebsocketComponent binanceWebsocket(Context8Properties props, VertxOptions ingestVertxOptions,
            IngestFrames frames, IngestStatus status, RedisStreamComponent streamComponent) {
        Context8Properties.Binance b = props.binance();
        ReconnectBackoff backoff = new ReconnectBackoff(b.reconnectInitial().toMillis(), b.reconnectMax().toMillis(),
                b.reconnectMultiplier(), b.reconnectJitter());
        ResilientWebsocketComponent component = new ResilientWebsocketComponent(backoff,
                b.maxConnectionAge().toMillis(), new ConnectionListener() {
                    @Override
                    public void onConnected(boolean reconnect) {
                        status.onConnected();
                        frames.onConnected();
                    }

                    @Override
                    public void onDisconnected(boolean planned) {
                        status.onDisconnected();
                    }
                }, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        component.setVertxOptions(ingestVertxOptions);
        component.setMaxFramesInFlight(b.maxFramesInFlight());
        // events lost while the stream could not be written (Redis outage): the books downstream have a gap
        streamComponent.onWritesRecovered(key -> frames.onConnected());
        return component;
    }
}
