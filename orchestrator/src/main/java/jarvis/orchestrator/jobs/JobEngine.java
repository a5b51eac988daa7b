package jarvis.orchestrator.jobs;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long work as jobs: each on the injected executor (virtual threads in the app), with progress, cancel,
 * and retry with exponential backoff and jitter. Every change is stored and published as {@link JobChanged}.
 */
public final class JobEngine {

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofMillis(250);

    private final JobRepository repository;
    private final EventBus bus;
    private final ExecutorService executor;
    private final Supplier<RetryPolicy> retryPolicy;
    private final Clock clock;
    private final Map<String, JobHandler> handlers;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();

    public JobEngine(JobRepository repository, EventBus bus, ExecutorService executor, Supplier<RetryPolicy> retryPolicy,
                     Clock clock, List<JobHandler> handlers) {
        this.repository = repository;
        this.bus = bus;
        this.executor = executor;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::type, Function.identity()));
    }

    /** Marks jobs cut off by the last stop as interrupted. Only the desktop app, which owns the data folder, calls it. */
    public int recoverAfterRestart() {
        int interrupted = repository.markUnfinishedAsInterrupted(clock.instant());
        if (interrupted > 0) {
            LOG.info("{} job(s) were interrupted by the last stop", interrupted);
            repository.newest(200).stream()
                    .filter(job -> job.state() == JobState.INTERRUPTED)
                    .forEach(job -> bus.publish(new JobChanged(job)));
        }
        return interrupted;
    }

    public JobRecord submit(String type, String title, String payload) {
        return start(type, title, payload, Optional.empty());
    }

    /** Runs a failed, cancelled or interrupted job again, as a new job that names the old one. */
    public JobRecord retry(String id) {
        JobRecord old = repository.find(id).orElseThrow(() -> new IllegalArgumentException("There is no job " + id));
        if (!old.state().canRetry()) {
            throw new IllegalStateException("Job '" + old.title() + "' is " + old.state().name().toLowerCase()
                    + "; only failed, cancelled or interrupted jobs can be retried.");
        }
        return start(old.type(), old.title(), old.payload(), Optional.of(old.id()));
    }

    /** Asks a job to stop; it ends as CANCELLED. Returns false when it was not running. */
    public boolean cancel(String id) {
        RunningJob job = running.get(id);
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        Future<?> future = job.future;
        if (future != null) {
            future.cancel(true);
        }
        return true;
    }

    public List<JobRecord> newest(int limit) {
        return repository.newest(limit);
    }

    public Optional<JobRecord> find(String id) {
        return repository.find(id);
    }

    private JobRecord start(String type, String title, String payload, Optional<String> retryOf) {
        JobHandler handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("No handler for jobs of type '" + type + "'");
        }
        Instant now = clock.instant();
        JobRecord job = new JobRecord(UUID.randomUUID().toString(), type, title, payload, JobState.QUEUED, 0, "Waiting",
                0, CorrelationId.next(), retryOf, now, now);
        repository.insert(job);
        bus.publish(new JobChanged(job));
        RunningJob runningJob = new RunningJob(job);
        running.put(job.id(), runningJob);
        runningJob.future = executor.submit(() -> job.correlationId().run(() -> execute(handler, runningJob)));
        return job;
    }

    private void execute(JobHandler handler, RunningJob job) {
        RetryPolicy policy = retryPolicy.get();
        dev.failsafe.RetryPolicy<Object> retry = dev.failsafe.RetryPolicy.builder()
                .handle(Exception.class)
                .abortOn(PermanentJobFailure.class, CancellationException.class, InterruptedException.class)
                .abortIf((result, failure) -> job.cancelled)
                .withMaxAttempts(policy.maxAttempts())
                .withBackoff(policy.firstDelay(), policy.maxDelay())
                .withJitter(policy.jitter())
                .onRetryScheduled(event -> job.change(JobState.RETRY_WAIT, job.record.progress(),
                        "Try " + (event.getAttemptCount()) + " failed (" + describe(event.getLastException())
                                + "); trying again in " + event.getDelay().toMillis() + " ms", true))
                .build();
        try {
            Failsafe.with(retry).run(execution -> {
                job.attempt = execution.getAttemptCount() + 1;
                job.change(JobState.RUNNING, 0, "Running" + (job.attempt > 1 ? " (try " + job.attempt + ")" : ""), true);
                handler.run(job);
            });
            job.change(JobState.SUCCEEDED, 1, job.lastReport == null ? "Done" : job.lastReport, true);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            if (job.cancelled || cause instanceof CancellationException || cause instanceof InterruptedException) {
                job.change(JobState.CANCELLED, job.record.progress(), "Cancelled", true);
            } else {
                LOG.warn("Job '{}' failed after {} tries", job.record.title(), job.attempt, cause);
                job.change(JobState.FAILED, job.record.progress(), describe(cause), true);
            }
        } finally {
            running.remove(job.record.id());
        }
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private final class RunningJob implements JobContext {
        private volatile JobRecord record;
        private volatile boolean cancelled;
        private volatile int attempt = 1;
        private volatile Future<?> future;
        private volatile String lastReport;
        private Instant lastWrite = Instant.MIN;

        RunningJob(JobRecord record) {
            this.record = record;
        }

        synchronized void change(JobState state, double progress, String message, boolean store) {
            Instant now = clock.instant();
            record = record.with(state, progress, message, attempt, now);
            if (store || Duration.between(lastWrite, now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0) {
                repository.update(record);
                lastWrite = now;
            }
            bus.publish(new JobChanged(record));
        }

        @Override public String payload() { return record.payload(); }
        @Override public CorrelationId correlationId() { return record.correlationId(); }
        @Override public int attempt() { return attempt; }
        @Override public boolean isCancelled() { return cancelled; }

        @Override
        public void progress(double fraction, String message) {
            checkCancelled();
            lastReport = message;
            change(JobState.RUNNING, Math.max(0, Math.min(1, fraction)), message, false);
        }
    }
}
