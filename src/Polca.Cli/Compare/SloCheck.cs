namespace Polca.Cli.Compare;

/// <summary>One SLO check of run B against baseline A: what was checked, the verdict, and the figures behind it.</summary>
/// <param name="Name">What was checked, e.g. "high e2e p99 impact".</param>
/// <param name="Verdict">Pass, fail or skip.</param>
/// <param name="Detail">The measured value, the limit, and the figures of A and B.</param>
internal sealed record SloCheck(string Name, SloVerdict Verdict, string Detail);
