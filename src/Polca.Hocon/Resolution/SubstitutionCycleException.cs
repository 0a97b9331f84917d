namespace Polca.Hocon.Resolution;

/// <summary>Signals a cycle to the nearest substitution, which turns it into a located error (or undefined when optional).</summary>
internal sealed class SubstitutionCycleException : Exception
{
    public SubstitutionCycleException(string description)
        : base(description)
    {
        Description = description;
    }

    public string Description { get; }
}
