namespace Polca.Cli.Compare;

/// <summary>The outcome of one SLO check.</summary>
internal enum SloVerdict
{
    /// <summary>Within the objective.</summary>
    Pass,

    /// <summary>Outside the objective, or not checkable because a run lacks the data.</summary>
    Fail,

    /// <summary>Neither run completed any request of the class: nothing to check.</summary>
    Skip,
}
