using Polca.Actors;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// One LLM request from arrival to completion: it submits itself to its row, records its first token and fate, reports its
/// outcome to the recorder and stops.
/// </summary>
public sealed class RequestActor : UntypedActor
{
    private readonly SubmitRequest _request;
    private readonly IActorRef _row;
    private readonly IActorRef _recorder;
    private long _firstTokenTicks = -1;

    /// <summary>Creates the request; it submits itself on start.</summary>
    public RequestActor(SubmitRequest request, IActorRef row, IActorRef recorder)
    {
        _request = request;
        _row = row;
        _recorder = recorder;
    }

    /// <inheritdoc />
    protected override void PreStart() => _row.Tell(_request, Self);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case FirstToken first:
                _firstTokenTicks = first.AtTicks;
                break;
            case RequestCompleted done:
                Finish(Outcome(done.AtTicks, done.Tokens, done.MaxGapTicks, null));
                break;
            case RequestFailed failed:
                Finish(Outcome(failed.AtTicks, 0, 0, failed.Reason));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private RequestOutcome Outcome(long finished, int tokens, long maxGap, string? reason)
    {
        var first = _firstTokenTicks >= 0 ? _firstTokenTicks : finished;
        var ttft = Ms(first - _request.ArrivedTicks);
        var tbt = tokens > 1 ? Ms((finished - first) / (double)(tokens - 1)) : 0;
        return new RequestOutcome(_request.Id, _request.Priority, _request.Stream, _request.ArrivedTicks, first, finished, tokens,
            reason is null ? ttft : 0, reason is null ? tbt : 0, reason is null ? Ms(maxGap) : 0, Ms(finished - _request.ArrivedTicks), reason);
    }

    private void Finish(RequestOutcome outcome)
    {
        if (outcome.FinishedTicks < _request.ArrivedTicks || outcome.FirstTokenTicks > outcome.FinishedTicks)
            throw new InvalidOperationException($"request {_request.Id}: timestamps out of order ({outcome})");
        _recorder.Tell(outcome, Self);
        Context.Stop(Self);
    }

    private static double Ms(double ticks) => Math.Round(ticks / TimeSpan.TicksPerMillisecond, 3);
}
