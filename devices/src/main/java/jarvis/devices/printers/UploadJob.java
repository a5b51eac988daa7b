package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Sends a file to a printer as a job, its progress the share of bytes sent, and cancellable while it runs. It only
 * uploads: starting the print is a separate, confirmed action. A printer that cannot be reached is tried again; a
 * refused key, a file the printer does not take, or a file that is gone is not.
 */
public final class UploadJob implements JobHandler {

    public static final String TYPE = "printer.upload";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<PrinterBook> book;

    public UploadJob(Supplier<PrinterBook> book) {
        this.book = book;
    }

    /** The job's payload: which printer, the file's path on this machine, and a mark that tells this request from another. */
    public static String payload(String printer, Path file) {
        return JSON.createObjectNode().put("printer", printer).put("file", file.toAbsolutePath().toString())
                .put("request", UUID.randomUUID().toString()).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        Path file = Path.of(asked.path("file").asText());
        String name = asked.path("printer").asText();
        PrinterBook printers = book.get();
        PrinterBook.Entry entry = printers.entry(name).orElseThrow(() -> new PermanentJobFailure("There is no printer " + name + " any more."));
        if (!Files.isRegularFile(file)) {
            throw new PermanentJobFailure("There is no file " + file + " to send to " + name + ".");
        }
        long size = Files.size(file);
        context.progress(0, "Sending " + file.getFileName() + " to " + entry.name());
        // Told at each whole percent: the bytes come in chunks of a few KB, and each report is stored and shown.
        int[] told = {0};
        try {
            printers.printer(entry).upload(file, false, sent -> {
                if (context.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                int percent = size == 0 ? 100 : (int) (sent * 100 / size);
                if (percent > told[0]) {
                    told[0] = percent;
                    context.progress(percent / 100.0, String.format(Locale.ROOT, "%s to %s: %.1f of %.1f MB", file.getFileName(), entry.name(),
                            sent / 1e6, size / 1e6));
                }
            });
        } catch (PrinterException e) {
            if (e.kind() == PrinterException.Kind.UNREACHABLE) {
                throw e;
            }
            throw new PermanentJobFailure(e.getMessage());
        }
        context.progress(1, file.getFileName() + " is on " + entry.name());
    }
}
