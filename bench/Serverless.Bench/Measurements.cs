using System.Diagnostics;

namespace Serverless.Bench;

/// <summary>Throughput, latency percentiles and peak managed memory of one measured phase.</summary>
public sealed class Measurements
{
    private readonly List<double> _latencies = [];
    private readonly Stopwatch _stopwatch = new();
    private long _peakBytes;
    private Timer? _sampler;
    private TimeSpan _pausedAtStart;
    private TimeSpan _pausedAtStop;

    public TimeSpan Elapsed => _stopwatch.Elapsed;

    /// <summary>Time the garbage collector held the process's threads during the measured phase.</summary>
    public TimeSpan GcPause => _pausedAtStop - _pausedAtStart;

    public long PeakManagedBytes => _peakBytes;

    public void Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _peakBytes = GC.GetTotalMemory(false);
        _sampler = new Timer(_ => Sample(), null, 0, 20);
        _pausedAtStart = GC.GetTotalPauseDuration();
        _stopwatch.Restart();
    }

    /// <summary>Measures on after <see cref="Pause"/>, adding to the elapsed time (the first call starts).</summary>
    public void Resume()
    {
        if (_sampler is null)
        {
            Start();
            return;
        }

        _stopwatch.Start();
    }

    public void Pause() => _stopwatch.Stop();

    public void Stop()
    {
        _stopwatch.Stop();
        _pausedAtStop = GC.GetTotalPauseDuration();
        _sampler?.Dispose();
        Sample();
    }

    public void Record(TimeSpan latency)
    {
        lock (_latencies)
        {
            _latencies.Add(latency.TotalMilliseconds);
        }
    }

    public double Rate(int count) => count / Math.Max(_stopwatch.Elapsed.TotalSeconds, 1e-9);

    public double Percentile(double p)
    {
        lock (_latencies)
        {
            if (_latencies.Count == 0)
            {
                return 0;
            }

            var sorted = _latencies.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public string LatencySummary() => $"p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, p99 {Percentile(99):F1} ms";

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long current;
        while (now > (current = Interlocked.Read(ref _peakBytes)) && Interlocked.CompareExchange(ref _peakBytes, now, current) != current)
        {
        }
    }
}
