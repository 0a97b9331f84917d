namespace Polca.Datacenter.Hardware;

/// <summary>What a GPU is doing: nothing, a prompt (prefill) iteration, or a token (decode) iteration.</summary>
public enum GpuPhase
{
    /// <summary>No work.</summary>
    Idle,

    /// <summary>Prompt processing: compute bound, near TDP.</summary>
    Prefill,

    /// <summary>Token generation: memory bound, well below TDP.</summary>
    Decode,
}
