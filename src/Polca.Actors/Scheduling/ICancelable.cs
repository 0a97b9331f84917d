namespace Polca.Actors;

/// <summary>Something scheduled that can be cancelled.</summary>
public interface ICancelable
{
    /// <summary>Cancels it; a no-op when already cancelled or done.</summary>
    void Cancel();

    /// <summary>True once cancelled.</summary>
    bool IsCancellationRequested { get; }
}
