package jarvis.tests.support;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A test client's Paho callback that hears messages (topic, payload as text) and runs {@code onConnected} after each
 * connection, where it subscribes: Paho 1.2.5's subscribe with a message listener recurses for ever, so tests hear
 * messages here instead.
 */
public final class MqttMessages implements MqttCallback {

    /** What to do once connected: usually subscribe. */
    @FunctionalInterface
    public interface OnConnected {
        void connected() throws MqttException;
    }

    private final BiConsumer<String, String> received;
    private final OnConnected onConnected;

    public MqttMessages(BiConsumer<String, String> received, OnConnected onConnected) {
        this.received = received;
        this.onConnected = onConnected;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        try {
            onConnected.connected();
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
