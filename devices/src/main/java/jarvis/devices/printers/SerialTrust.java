package jarvis.devices.printers;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the certificate that names a Bambu printer's serial (its common name), as the printer's own certificate
 * does; refuses one that names another, so a different printer at the address is never taken for this one. Bambu's
 * CA cannot be had here to check the chain; the name is what ties the connection to the printer. For the printer's
 * MQTT, FTPS and camera alike.
 */
final class SerialTrust extends TrustManagerFactory {

    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)\\s*CN=([^,]+)");

    SerialTrust(String serial) {
        super(new Spi(serial), null, "jarvis-bambu-serial");
    }

    private static final class Spi extends TrustManagerFactorySpi {

        private final String serial;

        Spi(String serial) {
            this.serial = serial;
        }

        @Override
        protected void engineInit(KeyStore keys) {}

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {}

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("Jarvis does not take connections from printers.");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    if (chain == null || chain.length == 0) {
                        throw new CertificateException("it showed no certificate");
                    }
                    chain[0].checkValidity();
                    Matcher found = COMMON_NAME.matcher(chain[0].getSubjectX500Principal().getName());
                    String named = found.find() ? found.group(1).strip() : "";
                    if (!named.equalsIgnoreCase(serial)) {
                        throw new CertificateException("its certificate names the serial " + (named.isEmpty() ? "nothing" : named) + ", not "
                                + serial + " (check --serial, and that the address is this printer's)");
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }};
        }
    }
}
