package jarvis.orchestrator.home;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure one desktop window at a time owns a data folder. The owner holds a file lock and listens on a
 * local socket; a second start finds the lock, asks the owner to come to the front, and is refused.
 * The command line never takes this lock.
 */
public final class DesktopInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopInstance.class);
    private static final String ACTIVATE = "activate\n";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Path socket;

    private DesktopInstance(FileChannel channel, FileLock lock, ServerSocketChannel server, Path socket) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.socket = socket;
    }

    /**
     * Claims the data folder for this window. Returns empty when another window already owns it; that window
     * has then been asked to come to the front.
     */
    public static Optional<DesktopInstance> claim(DataFolder folder, Runnable onActivationRequest, ThreadFactory threads)
            throws IOException {
        folder.ensureExists();
        FileChannel channel = FileChannel.open(folder.desktopLockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            askOwnerToActivate(folder.desktopSocket());
            return Optional.empty();
        }
        Path socket = folder.desktopSocket();
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        DesktopInstance instance = new DesktopInstance(channel, lock, server, socket);
        threads.newThread(() -> instance.listen(onActivationRequest)).start();
        return Optional.of(instance);
    }

    private void listen(Runnable onActivationRequest) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                client.read(buffer);
                if (new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).equals(ACTIVATE)) {
                    onActivationRequest.run();
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Activation request failed", e);
                }
            }
        }
    }

    private static void askOwnerToActivate(Path socket) {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.write(ByteBuffer.wrap(ACTIVATE.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.info("The running window did not answer the activation request: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        lock.release();
        channel.close();
    }
}
