package jarvis.devices.printers;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A 3D printer, whatever drives it (OctoPrint, Klipper through Moonraker, Bambu in LAN mode): one port that every
 * driver implements and one contract test suite checks. Each call reaches the printer and says plainly why it
 * failed; none blocks for longer than the driver's timeout.
 */
public interface Printer {

    /** The name a person gave it ("Prusa", "Voron"). */
    String name();

    /** The kind of server: "OctoPrint", "Moonraker", "Bambu". */
    String kind();

    PrinterStatus status() throws PrinterException;

    /** What answers for the printer, with its version where it says ("OctoPrint 1.11.2", "Moonraker v0.9.3"); else its kind. */
    default String version() throws PrinterException {
        return kind();
    }

    /** Uploads a file; with {@code print}, selects it and starts printing at once. */
    default void upload(Path file, boolean print) throws PrinterException {
        upload(file, print, sent -> { });
    }

    /** Uploads a file, telling {@code sent} the bytes sent so far; with {@code print}, selects it and starts printing at once. */
    void upload(Path file, boolean print, LongConsumer sent) throws PrinterException;

    /** Starts printing a file already on the printer (uploaded before), by its name there. */
    void start(String fileName) throws PrinterException;

    void pause() throws PrinterException;

    void resume() throws PrinterException;

    void cancel() throws PrinterException;

    /** Sets a heater's target ("tool0", "bed", "chamber"); 0 turns it off. */
    void setTemperature(String heater, double celsius) throws PrinterException;

    /** Homes every axis. */
    void home() throws PrinterException;

    /**
     * The space it prints in, as the printer itself says (OctoPrint's printer profile, Klipper's axis limits) or as its
     * model has it (a Bambu, by its serial number); empty when neither tells.
     */
    default Optional<BuildVolume> buildVolume() throws PrinterException {
        return Optional.empty();
    }

    /** Turns its light on or off, where it has one Jarvis can switch (a Bambu's chamber light). */
    default void light(boolean on) throws PrinterException {
        throw new PrinterException(PrinterException.Kind.REJECTED, name() + " (" + kind() + ") has no light Jarvis can switch.");
    }
}
