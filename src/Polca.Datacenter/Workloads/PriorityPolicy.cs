using System.Globalization;

namespace Polca.Datacenter.Workloads;

/// <summary>How a stream assigns priority classes: one fixed class, or Low with a given probability per request.</summary>
public sealed class PriorityPolicy
{
    private PriorityPolicy(RequestPriority? fixedPriority, double lowShare)
    {
        FixedPriority = fixedPriority;
        LowShare = lowShare;
    }

    /// <summary>The class every request gets, or null when each is drawn with <see cref="LowShare"/>.</summary>
    public RequestPriority? FixedPriority { get; }

    /// <summary>The probability that a request is Low (0 or 1 for a fixed class).</summary>
    public double LowShare { get; }

    /// <summary>Every request gets <paramref name="priority"/>.</summary>
    public static PriorityPolicy Fixed(RequestPriority priority) =>
        new(priority, priority == RequestPriority.Low ? 1 : 0);

    /// <summary>Each request is independently Low with probability <paramref name="share"/> (in [0, 1]), otherwise High.</summary>
    public static PriorityPolicy WithLowShare(double share)
    {
        if (!(share is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, $"expected a low share in [0, 1], found {share.ToString(CultureInfo.InvariantCulture)}");
        }

        return new PriorityPolicy(null, share);
    }

    /// <summary>The class of the next request; draws from <paramref name="random"/> only for a share.</summary>
    public RequestPriority Draw(Random random) =>
        FixedPriority ?? (random.NextDouble() < LowShare ? RequestPriority.Low : RequestPriority.High);

    /// <summary>Renders the policy as a scenario writes it: <c>high</c>, <c>low</c> or <c>low-share 0.5</c>.</summary>
    public override string ToString() => FixedPriority switch
    {
        RequestPriority.High => "high",
        RequestPriority.Low => "low",
        _ => string.Create(CultureInfo.InvariantCulture, $"low-share {LowShare}"),
    };
}
