package jarvis.orchestrator.routing;

import java.util.List;
import java.util.Locale;

/**
 * Fits the scoring rule to a person's verdicts on one model's local answers: logistic regression by Newton's
 * method, with a ridge penalty that pulls each weight toward the default rule's. With few labels the fitted rule
 * stays close to the default; a feature the labels never show (no refusal among them, say) keeps its default
 * weight. See docs/decisions/0012-learning-from-the-person.md.
 */
public final class Calibrator {

    /** Labels a model needs before a rule is fitted for it. */
    public static final int MINIMUM_LABELS = 30;
    /** How strongly the default rule holds: the ridge penalty's weight, in units of one label's log-loss. */
    static final double PRIOR_STRENGTH = 2.0;
    private static final int MAX_ITERATIONS = 50;

    /** One local answer and the person's verdict on it. */
    public record Label(ScoreFeatures features, boolean satisfied) {}

    private Calibrator() {}

    /** The rule fitted to {@code labels}, or the default rule when there are fewer than {@link #MINIMUM_LABELS}. */
    public static ScoringRule fit(String model, List<Label> labels) {
        if (labels.size() < MINIMUM_LABELS) {
            return ScoringRule.DEFAULT;
        }
        double[] prior = ScoringRule.DEFAULT.array();
        double[] w = prior.clone();
        int k = w.length;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int i = 0; i < k; i++) {
                gradient[i] = PRIOR_STRENGTH * (w[i] - prior[i]);
                hessian[i][i] = PRIOR_STRENGTH;
            }
            for (Label label : labels) {
                double[] x = label.features().vector();
                double p = ScoringRule.sigmoid(dot(w, x));
                double error = p - (label.satisfied() ? 1 : 0);
                double curvature = p * (1 - p);
                for (int i = 0; i < k; i++) {
                    gradient[i] += error * x[i];
                    for (int j = 0; j < k; j++) {
                        hessian[i][j] += curvature * x[i] * x[j];
                    }
                }
            }
            double[] step = solve(hessian, gradient);
            // Newton's step, halved until the penalised log-loss falls: separable labels would otherwise overshoot.
            double before = loss(w, prior, labels);
            double scale = 1;
            double[] next = new double[k];
            for (int halvings = 0; halvings < 30; halvings++) {
                for (int i = 0; i < k; i++) {
                    next[i] = w[i] - scale * step[i];
                }
                if (loss(next, prior, labels) <= before) {
                    break;
                }
                scale /= 2;
            }
            double largest = 0;
            for (int i = 0; i < k; i++) {
                largest = Math.max(largest, Math.abs(next[i] - w[i]));
                w[i] = next[i];
            }
            if (largest < 1e-6) {
                break;
            }
        }
        return ScoringRule.of(source(model, labels.size()), w);
    }

    static String source(String model, int labels) {
        return String.format(Locale.ROOT, "the rule calibrated for %s from %d of your verdicts", model, labels);
    }

    private static double loss(double[] w, double[] prior, List<Label> labels) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            total += PRIOR_STRENGTH / 2 * (w[i] - prior[i]) * (w[i] - prior[i]);
        }
        for (Label label : labels) {
            double z = dot(w, label.features().vector());
            // log(1 + e^z) − y·z, written to stay finite for large |z|.
            total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (label.satisfied() ? z : 0);
        }
        return total;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int column = 0; column < n; column++) {
            int pivot = column;
            for (int row = column + 1; row < n; row++) {
                if (Math.abs(m[row][column]) > Math.abs(m[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swap = m[column];
            m[column] = m[pivot];
            m[pivot] = swap;
            for (int row = column + 1; row < n; row++) {
                double factor = m[row][column] / m[column][column];
                for (int c = column; c <= n; c++) {
                    m[row][c] -= factor * m[column][c];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int c = row + 1; c < n; c++) {
                sum -= m[row][c] * x[c];
            }
            x[row] = sum / m[row][row];
        }
        return x;
    }
}
