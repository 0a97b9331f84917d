using Polca.Persistence;

namespace Polca.Datacenter.Telemetry;

/// <summary>The run journal's persistence id and its event types' stable manifests.</summary>
public static class RunJournal
{
    /// <summary>Persistence id of a run's record.</summary>
    public const string PersistenceId = "run";

    /// <summary>Allows the run's events in <paramref name="serializer"/>.</summary>
    public static void Register(EventSerializer serializer)
    {
        if (serializer.IsRegistered(typeof(RunStarted))) return;
        serializer.Register<RunStarted>("polca.run-started.v1")
            .Register<RecordBatch>("polca.record-batch.v1")
            .Register<RunCompleted>("polca.run-completed.v1");
    }
}
