using Polca.Datacenter.Scenario.Report;
using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Telemetry;
using Polca.Persistence;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// Rebuilds a run's summary.json, timeseries.csv and report.html from its journal alone: the journal's events go through
/// the same <see cref="RunAggregator"/> the run used, so the files equal the run's.
/// </summary>
public static class RunRebuild
{
    /// <summary>
    /// Reads the run's events from <paramref name="log"/> (named <paramref name="subject"/> in errors) and writes the outputs to
    /// <paramref name="outputDirectory"/>; a journal without a run is an <see cref="InputFileException"/>.
    /// </summary>
    public static async Task<RunSummary> RebuildAsync(IEventLog log, string subject, string outputDirectory, CancellationToken cancellation = default)
    {
        var serializer = new EventSerializer();
        RunJournal.Register(serializer);
        Directory.CreateDirectory(outputDirectory);
        var timeseriesPath = Path.Combine(outputDirectory, "timeseries.csv");
        using var timeseries = new TimeseriesCsvWriter(timeseriesPath);
        var aggregator = new RunAggregator(timeseries.Append);
        var events = 0L;
        await foreach (var stored in log.ReadByPersistenceId(RunJournal.PersistenceId, 1, long.MaxValue, cancellation).ConfigureAwait(false))
        {
            var e = stored.Event;
            object payload;
            try
            {
                payload = e.Payload switch
                {
                    byte[] bytes => serializer.Deserialize(bytes, e.Manifest),
                    ReadOnlyMemory<byte> memory => serializer.Deserialize(memory.Span, e.Manifest),
                    _ => e.Payload,
                };
            }
            catch (EventSerializationException ex)
            {
                throw new InputFileException(subject, 0, $"event {e.SequenceNr} of '{RunJournal.PersistenceId}' cannot be read: {ex.Message}");
            }

            if (events == 0 && payload is not RunStarted)
                throw new InputFileException(subject, 0, $"the journal's run record does not start with a run's start (found {e.Manifest})");
            aggregator.Apply(payload);
            events++;
        }

        if (events == 0) throw new InputFileException(subject, 0, $"the journal holds no run (no events of '{RunJournal.PersistenceId}'): was it written by polca run?");
        timeseries.Complete();
        var summary = aggregator.Summary();
        SummaryJson.Write(Path.Combine(outputDirectory, "summary.json"), summary);
        ReportWriter.Write(Path.Combine(outputDirectory, "report.html"), ReportInputs.From(summary, TimeseriesCsv.Read(timeseriesPath), aggregator));
        return summary;
    }
}
