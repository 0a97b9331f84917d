using Polca.Actors;
using Polca.Datacenter.Control;
using Polca.Datacenter.Workloads;
using Polca.Persistence;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// The run's telemetry: it gathers row seconds, request outcomes, controller decisions and arrival tallies, journals them
/// in one batch per emulated second, and feeds each journaled event to the run's <see cref="RunAggregator"/>, so the
/// summary it answers at the end is exactly what the journal holds.
/// </summary>
public sealed class RunRecorder : ReceivePersistentActor
{
    private readonly RunAggregator _aggregator;
    private readonly List<TimeseriesRow> _samples = [];
    private readonly SortedDictionary<string, TimeseriesRow> _latest = new(StringComparer.Ordinal);
    private readonly List<ControlDecision> _decisions = [];
    private readonly List<RequestOutcome> _outcomes = [];
    private long _arrivedHigh;
    private long _arrivedLow;

    /// <summary>Creates the recorder over <paramref name="aggregator"/>; a batch is journaled every <paramref name="flushInterval"/>.</summary>
    public RunRecorder(RunAggregator aggregator, TimeSpan flushInterval)
    {
        _aggregator = aggregator;
        RunJournal.Register(Persistence.Persistence.Instance.Apply(Context.System).Serializer);
        Context.System.Scheduler.ScheduleTellRepeatedly(flushInterval, flushInterval, Self, FlushRecords.Instance, Self);
        Command<RequestOutcome>(o => _outcomes.Add(o));
        Command<TimeseriesRow>(s =>
        {
            _samples.Add(s);
            _latest[s.Row] = s;
        });
        Command<GetProgress>(_ => Sender.Tell(new RunProgress(Context.System.Clock.Elapsed, [.. _latest.Values], _aggregator.Arrived + _arrivedHigh + _arrivedLow,
            _aggregator.Completed, _aggregator.Failed), Self));
        Command<ControlDecision>(d => _decisions.Add(d));
        Command<ArrivalsTally>(t =>
        {
            _arrivedHigh += t.High;
            _arrivedLow += t.Low;
        });
        Command<RunStarted>(started => PersistAsync(started, _aggregator.Apply));
        Command<FlushRecords>(_ => Flush());
        Command<CompleteRun>(complete =>
        {
            Flush();
            var requester = Sender;
            PersistAsync(complete.Completed, e =>
            {
                _aggregator.Apply(e);
                requester.Tell(new RunRecorded(LastSequenceNr), Self);
            });
        });
    }

    /// <inheritdoc />
    public override string PersistenceId => RunJournal.PersistenceId;

    private static long Microseconds(double ms) => (long)Math.Round(ms * 1000);

    private void Flush()
    {
        if (_samples.Count == 0 && _decisions.Count == 0 && _outcomes.Count == 0 && _arrivedHigh == 0 && _arrivedLow == 0) return;
        var reasons = new List<string>();
        var n = _outcomes.Count;
        var columns = new OutcomeColumns(new long[n], new byte[n], new int[n], new long[n], new int[n], new long[n], new long[n], new long[n],
            new long[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var o = _outcomes[i];
            columns.Id[i] = o.Id;
            columns.Priority[i] = o.Priority == RequestPriority.High ? (byte)0 : (byte)1;
            columns.Stream[i] = o.Stream;
            columns.ArrivedTicks[i] = o.ArrivedTicks;
            columns.OutputTokens[i] = o.OutputTokens;
            columns.TtftUs[i] = Microseconds(o.TtftMs);
            columns.MeanTbtUs[i] = Microseconds(o.MeanTbtMs);
            columns.MaxTbtUs[i] = Microseconds(o.MaxTbtMs);
            columns.E2eUs[i] = Microseconds(o.E2eMs);
            if (o.FailureReason is null)
            {
                columns.Failure[i] = -1;
            }
            else
            {
                var index = reasons.IndexOf(o.FailureReason);
                if (index < 0)
                {
                    index = reasons.Count;
                    reasons.Add(o.FailureReason);
                }

                columns.Failure[i] = index;
            }
        }

        var batch = new RecordBatch([.. _samples], columns, reasons, [.. _decisions], _arrivedHigh, _arrivedLow);
        _samples.Clear();
        _decisions.Clear();
        _outcomes.Clear();
        _arrivedHigh = _arrivedLow = 0;
        _aggregator.Apply(batch);
        PersistAsync(batch, _ => { });
    }
}
