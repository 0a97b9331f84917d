namespace Polca.Actors;

/// <summary>Runs actions later; actions run on the scheduler's thread and must be short.</summary>
public interface IAdvancedScheduler
{
    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
