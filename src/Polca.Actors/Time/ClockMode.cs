namespace Polca.Actors;

/// <summary>How the system's clock advances.</summary>
public enum ClockMode
{
    /// <summary>Wall-clock time multiplied by a pace factor (1.0 is real time).</summary>
    RealTime,

    /// <summary>Virtual time: the clock jumps to the next due timer when no actor has work.</summary>
    VirtualTime,
}
