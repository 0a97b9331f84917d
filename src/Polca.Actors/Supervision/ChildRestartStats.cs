namespace Polca.Actors;

/// <summary>Restart bookkeeping of one child, for the maxNrOfRetries-within-window rule.</summary>
public sealed class ChildRestartStats(IActorRef child)
{
    /// <summary>The child.</summary>
    public IActorRef Child { get; } = child;

    /// <summary>Restarts counted in the current window.</summary>
    public int MaxNrOfRetriesCount { get; private set; }

    /// <summary>When the current window started; null before the first restart.</summary>
    public DateTimeOffset? RestartTimeWindowStart { get; private set; }

    /// <summary>Counts a restart and says whether it is allowed: at most <paramref name="maxNrOfRetries"/> within <paramref name="withinTimeRange"/> (null or negative: no limit).</summary>
    public bool RequestRestartPermission(int? maxNrOfRetries, TimeSpan? withinTimeRange, DateTimeOffset now)
    {
        var limited = maxNrOfRetries is >= 0;
        var windowed = withinTimeRange is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan;
        if (!limited && !windowed) return true;
        if (limited && maxNrOfRetries < 1) return false;
        if (!windowed)
        {
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= maxNrOfRetries;
        }
        var retries = limited ? maxNrOfRetries!.Value : 1;
        var start = RestartTimeWindowStart ??= now;
        if (now - start <= withinTimeRange!.Value)
        {
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= retries;
        }
        MaxNrOfRetriesCount = 1;
        RestartTimeWindowStart = now;
        return true;
    }
}
