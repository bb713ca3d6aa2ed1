using Nianbao.Archive;
using Nianbao.Archive.Harvest;
using Nianbao.Harvesting;
using Nianbao.Harvesting.State;
using Nianbao.Pipeline;

namespace Nianbao.Server.Harvests;

/// <summary>Why a harvest did not start: another one is running (its id), or it failed before its run was recorded.</summary>
public sealed record HarvestStart(string? RunId, string? RunningId, string? Problem);

/// <summary>
/// Runs one harvest at a time for the whole server, in the background, into the server's archive with
/// its own connection. A harvest is polite and slow (robots.txt, one request a second per host), so a
/// second one waiting for the first would only double the load on the same government sites; it is
/// refused instead. The run is recorded by the harvester itself (<see cref="ArchiveHarvestStore"/>),
/// so its progress is read from the archive while it runs, and a server stopped mid-harvest leaves
/// an unfinished run that the same URLs continue.
/// </summary>
public sealed class HarvestRunner(ServerOptions options, ReportPipeline pipeline)
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;
    private string? _runningId;

    /// <summary>The run in progress, if any.</summary>
    public string? RunningId
    {
        get { lock (_gate) return _running is { IsCompleted: false } ? _runningId : null; }
    }

    public async Task<HarvestStart> StartAsync(IReadOnlyList<Uri> seeds, HarvestOptions harvestOptions)
    {
        var recorded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_running is { IsCompleted: false }) return new HarvestStart(null, _runningId, null);
            _runningId = null;
            _running = Task.Run(() => Run(seeds, harvestOptions, recorded));
        }
        try
        {
            var id = await recorded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            lock (_gate) _runningId = id;
            return new HarvestStart(id, null, null);
        }
        catch (Exception ex) when (ex is TimeoutException or ArchiveException or InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            return new HarvestStart(null, null, ex.Message);
        }
    }

    private async Task Run(IReadOnlyList<Uri> seeds, HarvestOptions harvestOptions, TaskCompletionSource<string> recorded)
    {
        try
        {
            using var store = ArchiveStore.OpenMigrated(options.Archive);
            var state = new RecordingStore(new ArchiveHarvestStore(store), recorded);
            await new Harvester(harvestOptions, state, new ArchiveReportSink(store, pipeline)).RunAsync(seeds, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Server stopping: the run stays unfinished in the archive; the same URLs continue it.
        }
        catch (Exception ex)
        {
            // Anything else ends this run only (each URL's own errors are already outcomes); the server goes on.
            recorded.TrySetException(ex);
        }
        finally
        {
            recorded.TrySetException(new InvalidOperationException("采集未能开始 the harvest ended before its run was recorded"));
        }
    }

    /// <summary>Cancels the running harvest and waits a little for it to record where it stopped.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        Task? running;
        lock (_gate) running = _running;
        try { running?.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException) { }
    }

    /// <summary>Passes everything to the archive's store and tells the run's id as soon as it is recorded.</summary>
    private sealed class RecordingStore(IHarvestStateStore inner, TaskCompletionSource<string> recorded) : IHarvestStateStore
    {
        public Task<HarvestRecord?> FindAsync(string url, CancellationToken cancellationToken) => inner.FindAsync(url, cancellationToken);
        public Task<HarvestRun?> FindUnfinishedRunAsync(IReadOnlyList<string> seeds, CancellationToken cancellationToken) => inner.FindUnfinishedRunAsync(seeds, cancellationToken);
        public Task<IReadOnlyList<HarvestRun>> RunsAsync(CancellationToken cancellationToken) => inner.RunsAsync(cancellationToken);

        public async Task SaveRunAsync(HarvestRun run, CancellationToken cancellationToken)
        {
            await inner.SaveRunAsync(run, cancellationToken);
            recorded.TrySetResult(run.Id);
        }

        // A resumed run is not saved again at its start: its id is told when its first URL is saved.
        public async Task SaveAsync(HarvestRecord record, CancellationToken cancellationToken)
        {
            await inner.SaveAsync(record, cancellationToken);
            recorded.TrySetResult(record.RunId);
        }
    }
}
