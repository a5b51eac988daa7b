package jarvis.devices.mqtt;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The network threads of every MQTT connection Jarvis makes (the house's broker, Bambu printers): daemon threads,
 * which Netty's own are not (they would keep the JVM alive after the window closes), started as the HiveMQ client
 * needs them and ended by it when no connection uses them.
 */
public final class NetworkThreads {

    public static final Executor EXECUTOR = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("jarvis-mqtt-net-", 0).factory());

    private NetworkThreads() {}
}
