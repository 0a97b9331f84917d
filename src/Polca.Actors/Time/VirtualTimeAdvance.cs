namespace Polca.Actors;

/// <summary>Who moves a virtual clock forward.</summary>
public enum VirtualTimeAdvance
{
    /// <summary>Only explicit calls (TestKit's Advance and expectations) move the clock; the default in tests.</summary>
    Manual,

    /// <summary>The system moves the clock to the next timer as soon as it is quiescent: as fast as possible.</summary>
    Automatic,
}
