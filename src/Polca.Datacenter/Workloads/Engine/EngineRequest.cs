using Polca.Actors;

namespace Polca.Datacenter.Workloads.Engine;

/// <summary>A request inside a server's inference engine: its size, who waits for it, and its token timeline so far.</summary>
public sealed class EngineRequest(long id, int promptTokens, int outputTokens, RequestPriority priority, IActorRef requester, long arrivedTicks)
{
    /// <summary>Run-wide request number.</summary>
    public long Id { get; } = id;

    /// <summary>Prompt tokens.</summary>
    public int PromptTokens { get; } = promptTokens;

    /// <summary>Tokens to generate (the first comes out of the prefill).</summary>
    public int OutputTokens { get; } = outputTokens;

    /// <summary>Priority class.</summary>
    public RequestPriority Priority { get; } = priority;

    /// <summary>The request actor to tell about the first token and completion.</summary>
    public IActorRef Requester { get; } = requester;

    /// <summary>When the request arrived (elapsed ticks).</summary>
    public long ArrivedTicks { get; } = arrivedTicks;

    private int _generated;
    private long _lastTokenTicks;

    /// <summary>Tokens generated so far (for a request in a decode batch, as of the engine's last finished step).</summary>
    public int Generated
    {
        get => Decoding is { } engine ? OutputTokens - (int)(DoneAtStep - engine.DecodeSteps) : _generated;
        internal set => _generated = value;
    }

    /// <summary>The engine whose decode batch holds the request, or null.</summary>
    internal InferenceEngine? Decoding { get; set; }

    /// <summary>The engine's decode step at which the request has its last token.</summary>
    internal long DoneAtStep { get; set; }

    /// <summary>The engine's decode steps when the request joined the batch.</summary>
    internal long JoinedAtStep { get; set; }

    /// <summary>When the first token came out (elapsed ticks).</summary>
    public long FirstTokenTicks { get; internal set; }

    /// <summary>When the latest token came out (elapsed ticks).</summary>
    public long LastTokenTicks
    {
        get => Decoding is { } engine && engine.DecodeSteps > JoinedAtStep ? engine.LastDecodeEnd : _lastTokenTicks;
        internal set => _lastTokenTicks = value;
    }

    /// <summary>Longest gap between two consecutive tokens (ticks).</summary>
    public long MaxGapTicks { get; internal set; }

    /// <summary>The engine's decode run in which the request decoded its first token after the prefill.</summary>
    public long JoinedRun { get; internal set; }

    /// <summary>KV-cache tokens reserved for the request (prompt and output).</summary>
    public long KvTokens => (long)PromptTokens + OutputTokens;
}
